import type { Logger } from 'pino';
import type { Locale, ScreenView } from '../../contract.ts';
import type { DeviceClass, DeviceState } from '../../../drivers/device/model.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
import { silentLogger } from '../log.ts';
import { systemClock, type Clock } from '../session/idle.ts';
import { AuditTrail, type MaintenanceAuditLog } from './audit-trail.ts';
import { rollBack, ROLLBACK_EVENT, type RollbackOutcome } from './flows.ts';
import { PinGate } from './pin-gate.ts';
import { PIN_PATTERN } from './pin.ts';
import { infoScreen, overviewScreen, pinScreen, type DeviceRow, type InfoView } from './screens.ts';
import { DEVICE_LABELS, fill, MAINTENANCE_STRINGS } from './strings.ts';

/** The least a device must offer to be shown and self-tested. */
interface CheckableDevice {
  state(): DeviceState;
  selfTest(signal?: AbortSignal): Promise<DeviceState>;
}

/** The devices maintenance works on; `KioskDevices` fits, and tests pass fakes. */
export interface MaintenanceDevices {
  idCard?: CheckableDevice;
  scanner?: CheckableDevice;
  documentPrinter?: CheckableDevice;
  receiptPrinter?: CheckableDevice & {
    status(signal?: AbortSignal): Promise<unknown>;
    print(bytes: Uint8Array, options?: { signal?: AbortSignal }): Promise<unknown>;
    pendingJob(): { jobId: number } | undefined;
    resume(options?: { signal?: AbortSignal }): Promise<unknown>;
    abandon(): { jobId: number } | undefined;
  };
  /** Why a device could not be opened, by requirement. */
  failures: ReadonlyMap<Requirement, string>;
}

/** What maintenance mode is built from. */
export interface MaintenanceModeOptions {
  devices: MaintenanceDevices;
  pinHash: string;
  /** The receipt test page, made when needed (it draws glyphs, which takes a moment). */
  receiptTestPage(): Uint8Array | Promise<Uint8Array>;
  info(): InfoView;
  /** Called after every change of what maintenance shows. */
  onChange(): void;
  /** Maintenance closes by itself after this long without a touch. */
  idleTimeoutSeconds: number;
  maxPinAttempts?: number;
  lockoutSeconds?: number;
  clock?: Clock;
  log?: Logger;
  /** Swapped in tests to skip the real scrypt. */
  verifyPin?: (pin: string, hash: string) => Promise<boolean>;
  /** The hash-chained audit trail every entry, wrong PIN and action goes to. */
  audit?: MaintenanceAuditLog;
  /** Settles a print a crash left unconfirmed, as the technician found it (audited by the journal). */
  resolvePrint?(id: number, resolution: 'confirmed' | 'abandoned'): void;
  /** Returns an installed flow to its previous version, as `kiosk24 flow rollback` does. */
  rollbackFlow?: (id: string) => Promise<{ from: string; to: string }>;
}

type Page = 'closed' | 'pin' | 'overview' | 'info';
/** An action's name in the technician's language, from the label of its button. */
type Words = (locale: Locale) => string;
type Message = { key: 'pinWrong' | 'pinLocked' | 'pinTooShort'; n: number };

const ORDER: { key: keyof Omit<MaintenanceDevices, 'failures'>; cls: DeviceClass }[] = [
  { key: 'idCard', cls: 'idCardReader' },
  { key: 'scanner', cls: 'scanner' },
  { key: 'receiptPrinter', cls: 'receiptPrinter' },
  { key: 'documentPrinter', cls: 'documentPrinter' },
];

/**
 * The technician's side of the kiosk: PIN entry with lockout, the device overview and its
 * actions, and the terminal information page. It never sees a resident session (the owner
 * wipes one before opening it) and logs every action as done by "technician", never the PIN.
 */
export class MaintenanceMode {
  private page: Page = 'closed';
  private digits = '';
  private message: Message | undefined;
  private checking = false;
  private working: { what: Words } | undefined;
  private last: { what: Words; ok: boolean; why?: string } | undefined;
  private idle: unknown;
  /** Bumped on close, so an action that finishes after the technician left draws nothing. */
  private visit = 0;
  private readonly gate: PinGate;
  private readonly trail: AuditTrail;
  /** True once the right PIN opened maintenance in this visit (an exit is audited then). */
  private entered = false;
  /** What the info page shows, read when it opened or after an action on it. */
  private info: InfoView | undefined;
  /** The outcome of the last roll-back, shown on the info page until the next action. */
  private notice: RollbackOutcome | undefined;
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(private readonly options: MaintenanceModeOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.trail = new AuditTrail(options.audit, this.log);
    this.gate = new PinGate({
      pinHash: options.pinHash,
      clock: this.clock,
      ...(options.maxPinAttempts === undefined ? {} : { maxAttempts: options.maxPinAttempts }),
      ...(options.lockoutSeconds === undefined ? {} : { lockoutSeconds: options.lockoutSeconds }),
      ...(options.verifyPin ? { verify: options.verifyPin } : {}),
    });
  }

  /** True while any maintenance screen (PIN included) is up. */
  isOpen(): boolean {
    return this.page !== 'closed';
  }

  /** The corner gesture: shows the PIN screen. */
  request(): void {
    if (this.isOpen()) return;
    this.page = 'pin';
    this.digits = '';
    this.message = undefined;
    this.record('open', 'PIN requested');
    this.activity();
    this.options.onChange();
  }

  /** Leaves maintenance; the owner shows attract again. */
  close(reason: string): void {
    if (!this.isOpen()) return;
    this.page = 'closed';
    this.visit += 1;
    this.digits = '';
    this.working = undefined;
    this.last = undefined;
    this.info = undefined;
    this.notice = undefined;
    this.clock.clearTimeout(this.idle);
    this.record('close', reason);
    if (this.entered) this.trail.exited(reason);
    this.entered = false;
    this.options.onChange();
  }

  /** A touch anywhere: restarts the maintenance idle timeout. */
  activity(): void {
    if (!this.isOpen()) return;
    this.clock.clearTimeout(this.idle);
    this.idle = this.clock.setTimeout(
      () => this.close('idle timeout'),
      this.options.idleTimeoutSeconds * 1000,
    );
  }

  /** One renderer action while maintenance is open. */
  action(event: string, data: Record<string, string | number | boolean>): void {
    if (!this.isOpen()) return;
    this.activity();
    if (event === 'maintenance.exit') return this.close('technician left');
    if (this.page === 'pin') return this.pinAction(event, data);
    if (this.working) return;
    this.notice = undefined;
    if (event === 'maintenance.info') this.page = 'info';
    else if (event === 'maintenance.back') this.page = 'overview';
    else if (this.page === 'overview') this.deviceAction(event, data);
    else if (this.page === 'info' && event === ROLLBACK_EVENT) this.rollback(data.flow);
    else if (this.page === 'info') this.printAction(event, data);
    // The info page walks the whole audit chain: read it when the page opens or changes, not
    // at every redraw (every device event redraws).
    this.info = this.page === 'info' ? this.options.info() : undefined;
    this.options.onChange();
  }

  /** The screen to draw now; call only while open. */
  screen(locale: Locale): ScreenView {
    const s = MAINTENANCE_STRINGS[locale];
    if (this.page === 'info') {
      this.info ??= this.options.info();
      const notice = this.notice && { text: this.notice.text(locale), ok: this.notice.ok };
      return infoScreen(locale, { ...this.info, ...(notice ? { notice } : {}) });
    }
    if (this.page === 'overview') {
      const pending = this.options.devices.receiptPrinter?.pendingJob();
      return overviewScreen(locale, {
        devices: this.rows(),
        ...(this.working ? { working: this.working.what(locale) } : {}),
        ...(this.last ? { last: { ...this.last, what: this.last.what(locale) } } : {}),
        ...(pending ? { pendingReceiptJob: pending.jobId } : {}),
      });
    }
    const locked = this.gate.lockedSeconds();
    let text: string | undefined;
    if (locked > 0) text = fill(s.pinLocked, { s: locked });
    else if (this.checking) text = s.pinChecking;
    else if (this.message) text = fill(s[this.message.key], { n: this.message.n });
    return pinScreen(locale, {
      digits: this.digits.length,
      keypadDisabled: locked > 0 || this.checking,
      ...(text === undefined
        ? {}
        : { message: { text, tone: locked > 0 || this.message ? 'error' : 'warning' } }),
    });
  }

  private pinAction(event: string, data: Record<string, string | number | boolean>): void {
    if (this.checking || this.gate.lockedSeconds() > 0) return this.options.onChange();
    if (event === 'maintenance.pin.digit') {
      const digit = String(data.digit ?? '');
      if (/^[0-9]$/.test(digit) && this.digits.length < 12) this.digits += digit;
    } else if (event === 'maintenance.pin.clear') {
      this.digits = '';
    } else if (event === 'maintenance.pin.submit') {
      if (!PIN_PATTERN.test(this.digits)) this.message = { key: 'pinTooShort', n: 0 };
      else void this.checkPin(this.digits);
    }
    this.options.onChange();
  }

  private async checkPin(pin: string): Promise<void> {
    const visit = this.visit;
    this.checking = true;
    this.digits = '';
    const outcome = await this.gate.attempt(pin).catch((error: unknown) => {
      this.log.error({ err: error }, 'maintenance PIN could not be checked');
      return { result: 'wrong' as const, attemptsLeft: 0 };
    });
    this.checking = false;
    if (visit !== this.visit) return;
    this.record('pin', outcome.result);
    if (outcome.result === 'accepted') {
      this.page = 'overview';
      this.message = undefined;
      this.entered = true;
      this.trail.entered();
    } else if (outcome.result === 'wrong') {
      this.message = { key: 'pinWrong', n: outcome.attemptsLeft };
      this.trail.wrongPin(this.gate.maxAttempts - outcome.attemptsLeft);
    } else {
      this.trail.lockout(this.gate.maxAttempts, this.clock.now() + outcome.secondsLeft * 1000);
      this.message = { key: 'pinLocked', n: outcome.secondsLeft };
      // Redraw when the lockout ends so the keypad comes back without a touch.
      this.clock.setTimeout(() => this.options.onChange(), outcome.secondsLeft * 1000 + 50);
    }
    this.options.onChange();
  }

  private deviceAction(event: string, data: Record<string, string | number | boolean>): void {
    const { devices } = this.options;
    const entry = ORDER.find((o) => o.cls === data.device);
    const device = entry ? devices[entry.key] : undefined;
    const receipt = devices.receiptPrinter;
    const button =
      (key: 'selfTest' | 'refilled' | 'testPrint' | 'resume' | 'abandon', job = 0): Words =>
      (locale) =>
        fill(MAINTENANCE_STRINGS[locale][key], {
          device: entry ? DEVICE_LABELS[entry.cls][locale] : '',
          job,
        });
    const act = { action: event, target: entry?.cls };
    if (event === 'maintenance.selftest' && device) {
      this.run(button('selfTest'), async () => describe(await device.selfTest()), act);
    } else if (event === 'maintenance.paper.refilled' && device) {
      this.run(
        button('refilled'),
        async () => {
          if (device !== receipt || !receipt) return describe(await device.selfTest());
          // Paper back does not reprint anything by itself: a waiting job needs a person's choice.
          await receipt.status();
          const job = receipt.pendingJob();
          return job
            ? `${describe(receipt.state())}; job ${job.jobId} waits for resume or abandon`
            : describe(receipt.state());
        },
        act,
      );
    } else if (event === 'maintenance.test.print' && receipt) {
      this.run(
        button('testPrint'),
        async () => {
          await receipt.print(await this.options.receiptTestPage());
          return describe(receipt.state());
        },
        act,
      );
    } else if (event === 'maintenance.pending.resume' && receipt?.pendingJob()) {
      const job = receipt.pendingJob()?.jobId ?? 0;
      this.run(
        button('resume', job),
        async () => {
          await receipt.resume();
          return `job ${job} reprinted; ${describe(receipt.state())}`;
        },
        act,
      );
    } else if (event === 'maintenance.pending.abandon' && receipt?.pendingJob()) {
      const job = receipt.abandon()?.jobId ?? 0;
      this.record(`abandon interrupted receipt`, `job ${job} abandoned`);
      this.trail.action(event, 'receiptPrinter', true);
      this.last = { what: button('abandon', job), ok: true };
    }
  }

  /** Returns an installed flow to its previous version; the kiosk serves it once maintenance ends. */
  private rollback(flow: unknown): void {
    const roll = this.options.rollbackFlow;
    const start = roll && rollBack(this.info?.flows ?? [], flow, roll);
    if (!start) return;
    const visit = this.visit;
    // Every action waits for it: a second press on a stale page would undo the first.
    this.working = { what: start.what };
    void start.done.then((done) => {
      this.trail.action(ROLLBACK_EVENT, done.id, done.ok);
      this.record(`roll back ${done.id}`, done.result, done.ok);
      if (visit !== this.visit) return;
      this.working = undefined;
      this.notice = done;
      this.info = this.options.info();
      this.options.onChange();
    });
  }

  /** A technician settles a print the ledger could not confirm. */
  private printAction(event: string, data: Record<string, string | number | boolean>): void {
    const id = data.print;
    if (typeof id !== 'number' || !this.options.resolvePrint) return;
    const resolution =
      event === 'maintenance.print.confirmed'
        ? 'confirmed'
        : event === 'maintenance.print.abandoned'
          ? 'abandoned'
          : undefined;
    if (!resolution) return;
    try {
      this.options.resolvePrint(id, resolution);
      this.record(`unconfirmed print ${id}`, resolution);
    } catch (error) {
      this.record(`unconfirmed print ${id}`, reason(error), false);
    }
  }

  private run(
    what: Words,
    work: () => Promise<string>,
    act: { action: string; target: string | undefined },
  ): void {
    const visit = this.visit;
    this.working = { what };
    work().then(
      (result) => {
        this.trail.action(act.action, act.target, true);
        this.finish(visit, what, { ok: true, result });
      },
      (error: unknown) => {
        this.trail.action(act.action, act.target, false);
        this.finish(visit, what, { ok: false, result: reason(error) });
      },
    );
  }

  private finish(visit: number, what: Words, outcome: { ok: boolean; result: string }): void {
    this.record(what('en'), outcome.result, outcome.ok);
    if (visit !== this.visit) return;
    this.working = undefined;
    this.last = outcome.ok ? { what, ok: true } : { what, ok: false, why: outcome.result };
    this.activity();
    this.options.onChange();
  }

  private rows(): DeviceRow[] {
    const { devices } = this.options;
    const rows: DeviceRow[] = [];
    for (const { key, cls } of ORDER) {
      const device = devices[key];
      const failure = devices.failures.get(cls);
      if (device) rows.push({ deviceClass: cls, state: device.state() });
      else if (failure !== undefined) rows.push({ deviceClass: cls, failure });
    }
    return rows;
  }

  private record(action: string, result: string, ok = true): void {
    const entry = { who: 'technician', action, result };
    if (ok) this.log.info(entry, 'maintenance action');
    else this.log.warn(entry, 'maintenance action failed');
  }
}

function describe(state: DeviceState): string {
  const supplies = Object.entries(state.supplies).map(([k, v]) => `${k} ${v}`);
  return [state.status, ...supplies].join(', ');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
