import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createActor, type AnyActorRef, type InspectionEvent } from 'xstate';
import {
  type CoreEndpoint,
  type CoreMessage,
  type KioskSnapshot,
  type Locale,
  type RendererMessage,
  type ScreenView,
} from '../../contract.ts';
import { silentLogger } from '../log.ts';
import { provideSession } from '../runner/build-machine.ts';
import { FlowBudget } from '../runner/budget.ts';
import { isBusyScreen } from '../runner/screen-view.ts';
import { drawFlowScreen } from './flow-screen.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import { DropLog, gateAction } from './event-gate.ts';
import { FlowSet } from './flow-set.ts';
import { linkRenderer, type RendererLink } from './renderer-link.ts';
import { SessionJournal } from './session-journal.ts';
import { Speaker } from '../speech/speaker.ts';
import {
  flowChildOf,
  flowScreenOf,
  ratingOf,
  serviceIdOf,
  shellEvent,
  shellStateOf,
} from './session-actor.ts';
import { IdleTimer, systemClock, type Clock } from './idle.ts';
import { HelpDesk } from './help.ts';
import {
  attractInfo,
  attractScreen,
  busyScreen,
  idleView,
  menuScreen,
  outOfServiceNotices,
  ratingScreen,
  stoppedScreen,
  thanksScreen,
} from './shell-screens.ts';
import { provideShell, SHELL_TAGS } from './shell-machine.ts';
import { BUSY_GRACE_MS, type Session, type SessionOwnerOptions } from './owner-options.ts';

export type { MaintenanceHooks, SessionOwnerOptions } from './owner-options.ts';

/**
 * Owns resident sessions: one xstate actor per session, the idle timer, the snapshots every
 * connected renderer draws, and the wipe that drops every trace of the resident when the
 * session ends. Implements the CoreEndpoint both hosts connect renderers to.
 */
export class SessionOwner implements CoreEndpoint {
  private session: Session | undefined;
  private readonly renderers = new Set<(message: CoreMessage) => void>();
  private seq = 0;
  private locale: Locale;
  private largeText: boolean;
  private publishQueued = false;
  private readonly log: Logger;
  private readonly clock: Clock;
  /** The served flows and the shell built once over them; swapped only between sessions. */
  readonly flowSet: FlowSet;
  private readonly drops: DropLog;
  private readonly steps: SessionJournal;
  private readonly help: HelpDesk;

  constructor(private readonly options: SessionOwnerOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.flowSet = new FlowSet(options, this.log);
    this.drops = new DropLog(() => this.clock.now());
    this.steps = new SessionJournal(options.journal, this.log);
    this.locale = options.locale;
    this.largeText = options.largeText;
    this.help = new HelpDesk(options.help, this.clock, () => this.publish(), this.log);
  }

  /** Connects a renderer; it gets a snapshot as soon as it says hello. */
  connect(send: (message: CoreMessage) => void): RendererLink {
    return linkRenderer(
      send,
      this.renderers,
      () => this.snapshot(),
      (m) => this.receive(m),
    );
  }

  /** True while a resident session is open. */
  get inSession(): boolean {
    return this.session !== undefined;
  }

  /** Ends any open session (e.g. at shutdown or when maintenance mode opens). */
  endSession(reason: string): void {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    this.clock.clearTimeout(session.limit);
    session.idle.stop();
    session.actor.stop();
    session.runtime.end();
    this.help.reset();
    this.options.speech?.reset();
    this.steps.wiped(session.ref, reason);
    this.locale = this.options.locale;
    this.largeText = this.options.largeText;
    this.log.info({ session: session.ref, reason }, 'session ended and wiped');
    this.publish();
  }

  /** Serves `flows` from the next moment no session or maintenance is open. */
  offerFlows(flows: readonly FlowPackage[]): void {
    this.flowSet.offer(flows);
    this.publish();
  }

  /** Re-sends the current picture, e.g. after a device changed state. */
  refresh(): void {
    this.publish();
  }

  private receive(message: RendererMessage): void {
    switch (message.type) {
      case 'hello':
        return;
      case 'activity':
        this.session?.idle.activity();
        this.options.maintenance?.activity();
        return;
      case 'idle.extend':
        this.session?.idle.activity();
        return;
      case 'idle.end':
        this.endSession('resident ended the session from the idle warning');
        return;
      case 'locale':
        this.locale = message.locale;
        this.publish();
        return;
      case 'large-text':
        this.largeText = message.on;
        this.publish();
        return;
      case 'action':
        this.action(message.event, message.data ?? {});
        return;
    }
  }

  private action(event: string, data: Record<string, string | number | boolean>): void {
    const maintenance = this.options.maintenance;
    const screen = this.screen();
    if (event === 'help.call') return void this.help.call(screen, serviceIdOf(this.session?.actor));
    if (Speaker.handles(event)) {
      void this.options.speech?.event(event, screen, this.locale, data);
      return event === 'speech.mode' ? this.publish() : undefined;
    }
    const dropped = gateAction(screen, { event, data }, this.session !== undefined);
    if (dropped !== undefined) {
      this.drops.report(this.log, { screen: screen.id, event, reason: dropped });
      return;
    }
    if (event === 'maintenance.request' && !maintenance) return;
    if (event === 'maintenance.request' && maintenance && !maintenance.isOpen()) {
      // The technician must never see what the resident was doing: wipe first, then open.
      this.endSession('maintenance requested');
      maintenance.request();
      this.publish();
      return;
    }
    if (maintenance?.isOpen()) {
      maintenance.action(event, data);
      return;
    }
    const session = this.session;
    if (!session) {
      if (event === 'session.start') this.startSession();
      return;
    }
    session.idle.activity();
    if (event === 'session.end') {
      this.endSession('resident finished');
      return;
    }
    const flowChild = flowChildOf(this.session?.actor);
    if (flowChild) {
      flowChild.send({ ...data, type: event });
      return;
    }
    const typed = shellEvent(event, data);
    if (typed) session.actor.send(typed);
  }

  private startSession(): void {
    const ref = randomUUID();
    const runtime = this.options.createRuntime(ref, this.clock);
    const flows = Object.fromEntries(
      this.flowSet.flows.map((f) => [
        f.manifest.id,
        provideSession(f.machine, f.manifest.id, runtime, (key) =>
          this.options.speech?.sayLine(f.strings[this.locale][key], this.locale),
        ),
      ]),
    );
    const machine = provideShell(this.flowSet.shell, {
      sessionRef: ref,
      flows,
      submitRating: (r) => this.options.submitRating(r),
      canStart: (serviceId) => this.flowSet.services.canStart(serviceId),
      flowStopped: (serviceId, error) => this.flowStopped(ref, serviceId, error),
      flowStarted: (serviceId) => {
        const version = this.flowSet.services.flow(serviceId)?.manifest.version ?? '0.0.0';
        this.steps.started(ref, serviceId, version, this.locale);
      },
      flowFinished: (_serviceId, outcome) => this.steps.finished(ref, outcome),
    });
    const idle = new IdleTimer(
      this.options.idleTimeoutSeconds,
      this.options.idleWarningSeconds,
      {
        onWarning: (s) => {
          if (this.session) this.session.secondsLeft = s;
          void this.options.speech?.idleWarning(idleView(this.locale, s), this.locale);
          this.publish();
        },
        onWarningCleared: () => {
          if (this.session) this.session.secondsLeft = null;
          this.options.speech?.idleCleared();
          this.publish();
        },
        onExpired: () => this.endSession('idle timeout'),
      },
      this.clock,
    );
    const budget = new FlowBudget(
      () => serviceIdOf(this.session?.actor) ?? 'unknown',
      () => this.clock.now(),
    );
    const actor = createActor(machine, {
      input: { sessionRef: ref },
      clock: this.clock,
      inspect: (inspection) => this.inspect(ref, inspection),
    });
    let graceUsed = false;
    const enforceLimit = (): void => {
      const session = this.session;
      if (session?.ref !== ref) return;
      // A print under way gets one bounded grace period, never more.
      if (session.idle.busy && !graceUsed) {
        graceUsed = true;
        session.limit = this.clock.setTimeout(enforceLimit, BUSY_GRACE_MS);
      } else this.endSession('maximum session length reached');
    };
    const limit = this.clock.setTimeout(enforceLimit, this.options.maxSessionMinutes * 60_000);
    this.session = { ref, actor, runtime, idle, secondsLeft: null, limit, budget, flowState: '' };
    actor.subscribe({
      complete: () => {
        if (this.session?.ref === ref) this.endSession('session finished');
      },
      error: (error) => {
        this.log.error({ err: error, session: ref }, 'session actor failed');
        if (this.session?.ref === ref) this.endSession('session actor failed');
      },
    });
    actor.start();
    idle.start();
    this.log.info({ session: ref }, 'session started');
    this.publish();
  }

  /**
   * Sees every event and microstep of the session's actors, synchronously. The flow's steps are
   * counted against its budgets here; a spent budget throws inside the flow's transition, which
   * fails the flow actor, and the shell then stops the service.
   */
  private inspect(ref: string, inspection: InspectionEvent): void {
    const session = this.session;
    if (session?.ref !== ref) return;
    const actorRef = inspection.actorRef as AnyActorRef;
    const isFlow = actorRef !== session.actor && actorRef.id === 'flow';
    if (isFlow && inspection.type === '@xstate.event') session.budget.event();
    if (isFlow && inspection.type === '@xstate.microstep') {
      const state = JSON.stringify((inspection.snapshot as { value?: unknown }).value);
      if (state !== session.flowState) session.flowSince = this.clock.now();
      session.flowState = state;
      session.budget.step(session.flowState);
    }
    if (inspection.type === '@xstate.snapshot') this.schedulePublish();
  }

  /** A flow failed or spent a budget: it stays off until the kiosk restarts or it is reinstalled. */
  private flowStopped(ref: string, serviceId: string, error: unknown): void {
    const reason = this.flowSet.services.stop(serviceId, error);
    this.steps.stopped(ref);
    this.log.error(
      {
        flow: serviceId,
        state: this.session?.ref === ref ? this.session.flowState : '',
        reason,
        session: ref,
      },
      'flow stopped and disabled until the kiosk restarts or the flow is reinstalled',
    );
  }

  private schedulePublish(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      this.publish();
    });
  }

  private publish(): void {
    this.flowSet.settle(this.session !== undefined || this.options.maintenance?.isOpen() === true);
    this.syncIdleBusy();
    if (this.renderers.size === 0) return;
    const snapshot = this.snapshot();
    void this.options.speech?.arrived(snapshot.screen, this.locale);
    for (const send of this.renderers) send({ type: 'snapshot', snapshot });
  }

  /** Pauses the idle timer while the flow shows a busy screen (printing, asking the platform). */
  private syncIdleBusy(): void {
    const current = flowScreenOf(this.session?.actor, this.flowSet.flows);
    this.session?.idle.setBusy(current ? isBusyScreen(current.flow, current.screenId) : false);
  }

  /** Builds the snapshot for the current state. */
  snapshot(): KioskSnapshot {
    const down = this.options.outOfService();
    const screen = this.screen();
    return {
      seq: ++this.seq,
      inSession: this.session !== undefined,
      locale: this.locale,
      screen,
      help: this.help.view(this.locale, screen),
      idle: idleView(this.locale, this.session?.secondsLeft ?? null),
      locales: [
        { locale: 'zh-CN', label: '中文' },
        { locale: 'en', label: 'English' },
      ],
      largeText: this.largeText,
      speechMode: this.options.speech?.mode ?? false,
      notices: outOfServiceNotices(this.locale, down),
    };
  }

  private screen(): ScreenView {
    const maintenance = this.options.maintenance;
    if (maintenance?.isOpen()) return maintenance.screen(this.locale);
    const session = this.session;
    if (!session)
      return attractScreen(this.locale, attractInfo(this.options, this.flowSet.flows, this.locale));
    const state = shellStateOf(this.session?.actor);
    if (state.hasTag(SHELL_TAGS.menu)) {
      return menuScreen(this.locale, this.flowSet.services.menu());
    }
    if (state.hasTag(SHELL_TAGS.rating)) return ratingScreen(this.locale);
    if (state.hasTag(SHELL_TAGS.stopped)) {
      const flow = this.flowSet.flows.find(
        (f) => f.manifest.id === serviceIdOf(this.session?.actor),
      );
      return stoppedScreen(this.locale, flow?.manifest.title[this.locale] ?? '');
    }
    if (!state.hasTag(SHELL_TAGS.service))
      return thanksScreen(this.locale, ratingOf(this.session?.actor));
    const down = this.options.outOfService();
    const elapsedMs = this.clock.now() - (session.flowSince ?? this.clock.now());
    const drawn = drawFlowScreen(session.actor, this.flowSet.flows, {
      locale: this.locale,
      down,
      elapsedMs,
    });
    return drawn ?? busyScreen(this.locale);
  }
}
