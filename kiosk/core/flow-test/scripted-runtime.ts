import type { Logger } from 'pino';
import type { ActorCapabilityName } from '../capabilities/catalogue.ts';
import { CapabilityError } from '../capabilities/errors.ts';
import { createSessionRuntime, type SessionRuntime } from '../capabilities/runtime.ts';
import type { CapabilityRuntime } from '../runner/build-machine.ts';
import type { Clock } from '../session/idle.ts';
import { operationOf, scriptedError, sentinelPorts, type Outcome } from './outcomes.ts';

/** A capability the flow invoked, waiting for the tester to choose how it ends. */
export interface PendingInvoke {
  name: ActorCapabilityName;
  operation: string;
  input: unknown;
  signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** What a success played on the real runtime gave back. */
export interface Played {
  output?: unknown;
  /** The real runtime refused the call (bad input, a handle from nowhere): a flow bug. */
  refused?: Error;
}

/**
 * The capability runtime of one explored session. Every invoke waits until the tester picks its
 * outcome: an error carrying one flag, or a success that runs on the kiosk's real session
 * runtime (vault, masking, logs) over sentinel devices and platform that answer at once.
 */
export class ScriptedRuntime implements CapabilityRuntime {
  readonly pending: PendingInvoke[] = [];
  private variant = 'resident';
  private readonly real: SessionRuntime;

  constructor(sessionRef: string, clock: Clock, log: Logger) {
    this.real = createSessionRuntime(
      sentinelPorts(() => this.variant, log),
      sessionRef,
      clock,
    );
  }

  run(name: ActorCapabilityName, input: unknown, signal: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const pending: PendingInvoke = {
        name,
        operation: operationOf(name, input),
        input,
        signal,
        resolve,
        reject,
      };
      this.pending.push(pending);
      // The flow left the state: xstate ignores whatever this invoke would have said.
      signal.addEventListener(
        'abort',
        () => {
          this.drop(pending);
          reject(new CapabilityError('the flow left the state', { canceled: true }));
        },
        { once: true },
      );
    });
  }

  /** Ends a pending invoke with `outcome`; resolves once the real runtime (if any) answered. */
  async settle(pending: PendingInvoke, outcome: Outcome): Promise<Played> {
    this.drop(pending);
    if (outcome.kind === 'error') {
      pending.reject(scriptedError(pending.name, outcome.flag));
      return {};
    }
    this.variant = outcome.variant;
    try {
      const output = await this.real.run(pending.name, pending.input, pending.signal);
      pending.resolve(output);
      return { output };
    } catch (error) {
      pending.reject(error);
      return { refused: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  /** The wipe the session owner does at the end of a session. */
  end(): void {
    this.real.end();
  }

  private drop(pending: PendingInvoke): void {
    const at = this.pending.indexOf(pending);
    if (at >= 0) this.pending.splice(at, 1);
  }
}
