import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import type { Locale, ScreenView } from '../../contract.ts';
import { REQUIREMENTS } from '../capabilities/catalogue.ts';
import { createLogger } from '../log.ts';
import { FlowBudget, FlowBudgetError } from '../runner/budget.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import { renderFlowScreen } from '../runner/screen-view.ts';
import { own } from '../runner/json-walk.ts';
import { LOCALES, residentValuesOf, safeJson, stepFindings } from './checks.ts';
import type { CoverageHits } from './coverage.ts';
import { invokeName, pathName, rawInvokes, type MachineNode } from './model.ts';
import { outcomeLabel, outcomesOf, SCRIPTED } from './outcomes.ts';
import type { Finding } from './problems.ts';
import { ScriptedRuntime, type PendingInvoke } from './scripted-runtime.ts';
import { StepRefused, type Step } from './steps.ts';

export { StepRefused } from './steps.ts';
import { TrackingClock } from './tracking-clock.ts';
import { StepWatch } from './step-watch.ts';
import { offered } from './checks.ts';
import { guardedValues, sessionMachine, shapeOf, type SessionMachine } from './session-machine.ts';

/**
 * The least time between two taps of a resident. Presses take no simulated time (so they never
 * move the flow's timers), but the rate budget is counted as if each took this long: a quarter
 * second is faster than anyone taps, so a budget the tester trips a resident could trip too.
 */
const PRESS_GAP_MS = 250;

/** How an explored session ended: the flow's final state, the idle timeout, or a stop. */
export type SessionEnd = 'final' | 'idle' | 'stopped';

type Snap = {
  value: unknown;
  context: unknown;
  status: string;
  output?: unknown;
  error?: unknown;
  _nodes: MachineNode[];
};

/**
 * One resident session as the flow tester runs it: the flow's own machine, provided with the
 * scripted capability runtime, on a simulated clock, with the kiosk's idle timeout and step
 * budgets. Each step is checked as it is taken; what the checks find piles up in `findings`.
 */
export class ExploredSession {
  readonly clock = new TrackingClock();
  readonly findings: Finding[] = [];
  readonly residentValues = new Map<string, string>();
  ended: SessionEnd | undefined;
  locale: Locale = 'zh-CN';
  private readonly runtime: ScriptedRuntime;
  private readonly machine: SessionMachine;
  /** False while a path is replayed to reach a state already checked: only coverage counts. */
  checking = true;
  private readonly actor: Actor<AnyStateMachine>;
  private readonly watch: StepWatch;
  private readonly logLines: string[] = [];
  private logChecked = 0;
  private startValue: string | undefined;
  /** Presses so far: each stands for the time a resident's tap takes, for the rate budget. */
  private presses = 0;
  private idleLeft: number;
  private wasBusy = false;
  private readonly checkedInvokes = new WeakSet<PendingInvoke>();

  constructor(
    private readonly pkg: FlowPackage,
    private readonly hits: CoverageHits,
    private readonly idleMs: number,
    machine: SessionMachine = sessionMachine(pkg),
  ) {
    this.idleLeft = idleMs;
    const log = createLogger({ level: 'debug', destination: { write: (l) => this.log(l) } });
    this.runtime = new ScriptedRuntime('flow-test-session', this.clock, log);
    const budget = new FlowBudget(
      () => pkg.manifest.id,
      () => this.clock.now() + this.presses * PRESS_GAP_MS,
    );
    this.watch = new StepWatch(hits, budget);
    this.machine = machine;
    machine.runtime.current = this.runtime;
    this.actor = createActor(machine.machine, {
      clock: this.clock,
      // The first inspection comes from inside createActor, before `this.actor` is set.
      inspect: (i) => this.watch.inspect(this.actor as Actor<AnyStateMachine> | undefined, i),
    });
    this.actor.subscribe({ error: () => undefined });
  }

  /** Starts the flow and checks its first screen. */
  async start(): Promise<void> {
    this.machine.runtime.current = this.runtime;
    this.actor.start();
    this.startValue = JSON.stringify(this.snap.value);
    await this.settled();
  }

  private get snap(): Snap {
    return this.actor.getSnapshot();
  }

  /** The flow's state as a dotted path (`failed.cardTimeout`). */
  stateName(): string {
    return this.snap._nodes
      .filter((n) => Object.keys(n.states).length === 0 && n.path.length > 0)
      .map((n) => pathName(n.path))
      .join(', ');
  }

  /** The screen the deepest active state names, as the session owner finds it. */
  screenId(): string | undefined {
    const nodes = this.snap._nodes;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const screen = own(own(nodes[i], 'meta'), 'screen');
      if (typeof screen === 'string') return screen;
    }
    return undefined;
  }

  /** The screen on show, drawn as the renderer gets it. */
  render(locale: Locale = this.locale, down: readonly string[] = []): ScreenView | undefined {
    const id = this.screenId();
    return id && this.pkg.screens[id]
      ? renderFlowScreen(this.pkg, id, this.snap.context, locale, { down })
      : undefined;
  }

  private busy(): boolean {
    const id = this.screenId();
    return id !== undefined && (this.pkg.screens[id]?.busy ?? false);
  }

  /** Every step the session can take now. */
  moves(): Step[] {
    if (this.ended) return [];
    const out: Step[] = [];
    const seen = new Set<string>();
    for (const action of offered(this.render())) {
      const key = `${action.event}${JSON.stringify(action.data)}`;
      if (!seen.has(key)) out.push({ kind: 'press', ...action });
      seen.add(key);
    }
    for (const p of this.runtime.pending)
      for (const outcome of outcomesOf(p.name, p.operation))
        out.push({ kind: 'outcome', name: p.name, outcome });
    const due = this.clock.nextDueIn();
    const busy = this.busy();
    if (due !== undefined && (busy || due < this.idleLeft)) out.push({ kind: 'tick', ms: due });
    if (!busy && (due === undefined || due >= this.idleLeft)) out.push({ kind: 'idle' });
    return out;
  }

  /** Takes one step and checks where it led; throws StepRefused when the step does not fit. */
  async apply(step: Step): Promise<void> {
    if (this.ended) throw new StepRefused(`the session has already ended (${this.ended})`);
    this.machine.runtime.current = this.runtime;
    switch (step.kind) {
      case 'press': {
        const view = this.render();
        const fits = offered(view).some(
          (a) => a.event === step.event && JSON.stringify(a.data) === JSON.stringify(step.data),
        );
        if (!fits)
          throw new StepRefused(`screen ${view?.id ?? '(none)'} offers no action "${step.event}"`);
        this.idleLeft = this.idleMs;
        this.presses++;
        this.actor.send({ ...step.data, type: step.event });
        break;
      }
      case 'outcome':
        await this.outcome(step);
        break;
      case 'tick':
        this.clock.increment(step.ms);
        if (!this.busy()) this.idleLeft -= step.ms;
        if (!this.busy() && this.idleLeft <= 0) this.finish('idle');
        break;
      case 'idle':
        if (this.busy()) throw new StepRefused('the idle timeout is paused on a busy screen');
        this.clock.increment(Math.max(0, this.idleLeft));
        this.finish('idle');
        break;
      case 'locale':
        this.locale = step.locale;
        break;
    }
    await this.settled();
  }

  private async outcome(step: Extract<Step, { kind: 'outcome' }>): Promise<void> {
    const pending = this.runtime.pending.find((p) => p.name === step.name);
    if (!pending) throw new StepRefused(`no ${step.name} is under way`);
    const site = this.invokeSite(pending);
    if (site) this.hits.outcomes.add(`${site} ${outcomeLabel(step.outcome)}`);
    const played = await this.runtime.settle(pending, step.outcome);
    for (const [v, f] of residentValuesOf(played.output)) this.residentValues.set(v, f);
    if (played.refused && (played.refused as { [SCRIPTED]?: boolean })[SCRIPTED] !== true)
      this.findings.push({
        kind: 'unresolved-reference',
        state: this.stateName(),
        message: `${step.name} refused what the flow gave it at run time: ${played.refused.message}`,
      });
  }

  /** The coverage name of the invoke a pending call came from. */
  private invokeSite(p: PendingInvoke): string | undefined {
    for (const node of this.snap._nodes)
      for (const inv of rawInvokes(this.pkg.config, node.path))
        if (inv.src === p.name) return invokeName(node.path, p.name, p.operation);
    return undefined;
  }

  /** Lets promises settle, then records coverage and runs the checks of the new state. */
  private async settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.watch.close();
    const snap = this.snap;
    const state = this.stateName();
    if (snap.status === 'error' && !this.ended) {
      const error = snap.error;
      this.findings.push({
        kind: error instanceof FlowBudgetError ? 'loop' : 'crash',
        state: error instanceof FlowBudgetError ? error.state : state,
        message: `the kiosk stopped the flow: ${error instanceof Error ? error.message : String(error)}`,
      });
      this.finish('stopped');
    }
    if (snap.status === 'done' && !this.ended) this.finish('final');
    if (snap.status === 'active') {
      this.hits.visit(snap._nodes);
      this.hits.resting(snap._nodes);
    }
    const busy = this.busy();
    if (this.wasBusy && !busy) this.idleLeft = this.idleMs;
    this.wasBusy = busy;
    if (this.checking) this.check(state);
    else this.logChecked = this.logLines.length;
  }

  private check(state: string): void {
    const snap = this.snap;
    const screen = this.ended ? undefined : this.screenId();
    const lines = this.logLines.slice(this.logChecked).join('\n');
    this.logChecked = this.logLines.length;
    const invokes = this.runtime.pending
      .filter((p) => !this.checkedInvokes.has(p))
      .map((p) => {
        this.checkedInvokes.add(p);
        const raw = snap._nodes
          .flatMap((n) => rawInvokes(this.pkg.config, n.path))
          .find((inv) => inv.src === p.name);
        return { name: p.name, raw: raw?.input, input: p.input };
      });
    this.findings.push(
      ...stepFindings({
        pkg: this.pkg,
        state,
        screen,
        context: snap.context,
        // Every device down too: the screen the resident sees while actions are disabled.
        screens: LOCALES.flatMap((locale) => [
          this.render(locale),
          this.render(locale, REQUIREMENTS),
        ]),
        log: lines,
        invokes,
        residentValues: this.residentValues,
        output: this.ended === 'final' ? snap.output : undefined,
        atStart: !this.ended && this.atStart(),
      }),
    );
  }

  /** True when the flow is back in the state it started in (ready for the next resident). */
  private atStart(): boolean {
    return this.startValue !== undefined && this.startValue === JSON.stringify(this.snap.value);
  }

  /** The session ends: the flow is stopped and the runtime wiped, as the session owner does. */
  private finish(end: SessionEnd): void {
    this.ended = end;
    if (end !== 'final' && this.actor.getSnapshot().status === 'active') this.actor.stop();
    this.runtime.end();
  }

  /**
   * A key of everything that decides what can happen next in this session. Context and inputs
   * count by shape (which keys hold what kind of value), not by value, except the paths the
   * flow's value guards (`context.equals`, `includes`, `empty`) read: the other guards test
   * flags and whether a key holds something, so two sessions that differ only in other values
   * take the same transitions. Each value is still checked where it appears.
   */
  key(): string {
    const snap = this.snap;
    const pending = this.runtime.pending.map((p) => [p.name, shapeOf(p.input)]);
    const idle = this.busy() ? null : this.idleLeft;
    const timers = this.clock.pendingIn();
    const guarded = guardedValues(snap.context, this.machine.guardKeys);
    return safeJson([
      snap.value,
      shapeOf(snap.context),
      guarded,
      pending,
      timers,
      idle,
      this.ended,
    ]);
  }

  private log(line: string): void {
    this.logLines.push(line);
  }
}
