import type { DriverLogger } from '../device/logger.ts';
import { DeviceError } from '../device/errors.ts';
import { abortError, deadlineSignal, sleep } from './abortable.ts';
import type { CommandName, ResponseFrame } from './codec.ts';
import { decodeAppendedAddress, decodeCardRead } from './payloads.ts';
import type { IdCardRecord } from './record.ts';
import { describeSw3, sw3Meaning } from './status-codes.ts';
import { decodeTextBlock } from './text-block.ts';

/**
 * The find -> select -> read cycle (spec §10), apart from the reader's status bookkeeping so
 * the retry rules can be read in one place: "no card" polls again, a failed select or read
 * goes back to find, a card that vanishes after a failure is reported as taken away, and a
 * card already returned is not returned again while find keeps seeing it.
 */

/** What `readCard` accepts. */
export interface ReadCardOptions {
  /** Cancels the wait; the read rejects with DeviceError flagged `canceled`. */
  signal?: AbortSignal;
  /** Pause between find polls while no (new) card is there. Default 300 ms. */
  pollIntervalMs?: number;
  /** Overall limit; the read rejects with DeviceError flagged `timeout`. Default 60 s. */
  timeoutMs?: number;
  /** Read with `30 10` and return the fingerprint templates too. */
  withFingerprint?: boolean;
  /** Also read the appended address (`30 03`). */
  withAppendedAddress?: boolean;
  /** Return the card even if it is the one returned last and was never taken away. */
  acceptSameCard?: boolean;
}

/** What the poll needs from the reader that runs it. */
export interface PollContext {
  command(name: CommandName, signal: AbortSignal): Promise<ResponseFrame>;
  notePresence(present: boolean): void;
  /** True when this ID number is the card read last while it stayed on the reader. */
  isLastCard(idNumber: string): boolean;
  rememberCard(idNumber: string): void;
  maxReadAttempts: number;
  log: DriverLogger;
}

type Attempt =
  | { kind: 'record'; record: IdCardRecord }
  | { kind: 'same-card' }
  | { kind: 'failed'; code: number };

/** Polls until a new card is read, or rejects with a typed DeviceError. */
export async function pollForCard(
  ctx: PollContext,
  options: ReadCardOptions,
): Promise<IdCardRecord> {
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? 60_000);
  const interval = positive('pollIntervalMs', options.pollIntervalMs ?? 300);
  let sawCard = false;
  const deadline = deadlineSignal(options.signal, timeoutMs, () =>
    sawCard
      ? new DeviceError(`no new card was presented within ${timeoutMs} ms`, { timeout: true })
      : new DeviceError(`no card was presented within ${timeoutMs} ms`, {
          timeout: true,
          noCard: true,
        }),
  );
  const signal = deadline.signal;
  let failures = 0;
  let lastFailure: number | undefined;
  try {
    for (;;) {
      if (signal.aborted) throw abortError('readCard', signal);
      const find = await ctx.command('findCard', signal);
      if (find.sw3 !== 0x9f) {
        ctx.notePresence(false);
        if (lastFailure !== undefined) {
          throw new DeviceError(
            `the card was taken away before reading finished (${describeSw3(lastFailure)}); ask the resident to place it again and hold it still`,
            { readFailed: true, noCard: true, code: lastFailure },
          );
        }
        await sleep(interval, signal, 'readCard');
        continue;
      }
      ctx.notePresence(true);
      sawCard = true;
      const attempt = await readPresentedCard(ctx, options, signal);
      if (attempt.kind === 'record') return attempt.record;
      if (attempt.kind === 'same-card') {
        await sleep(interval, signal, 'readCard');
        continue;
      }
      failures++;
      lastFailure = attempt.code;
      ctx.log.info({ code: attempt.code, failures }, 'id-card: read attempt failed, back to find');
      if (failures >= ctx.maxReadAttempts) {
        throw new DeviceError(
          `could not read the card in ${failures} attempts, last ${describeSw3(attempt.code)}; ask the resident to place it again`,
          { ...sw3Meaning(attempt.code).flags, readFailed: true, code: attempt.code },
        );
      }
    }
  } finally {
    deadline.dispose();
  }
}

async function readPresentedCard(
  ctx: PollContext,
  options: ReadCardOptions,
  signal: AbortSignal,
): Promise<Attempt> {
  const select = await ctx.command('selectCard', signal);
  if (select.sw3 !== 0x90) return failed(select.sw3);
  const withFingerprint = options.withFingerprint ?? false;
  const read = await ctx.command(withFingerprint ? 'readWithFingerprint' : 'readText', signal);
  if (read.sw3 !== 0x90) return failed(read.sw3);
  const payload = decodeCardRead(read.data, withFingerprint);
  const decoded = decodeTextBlock(payload.text);
  if (decoded.kind === 'unsupported') {
    throw new DeviceError(
      `this card's layout is not supported (${decoded.detail}); the kiosk cannot read this card type yet`,
      { unsupported: true, readFailed: true },
    );
  }
  const card = decoded.card;
  if (!options.acceptSameCard && ctx.isLastCard(card.idNumber)) return { kind: 'same-card' };
  const record: IdCardRecord = { ...card, photoWlt: payload.photo };
  if (payload.fingerprint && payload.fingerprint.length > 0)
    record.fingerprint = payload.fingerprint;
  if (options.withAppendedAddress) {
    const extra = await ctx.command('readAppendedAddress', signal);
    if (extra.sw3 === 0x90) {
      const address = decodeAppendedAddress(extra.data);
      if (address !== '') record.appendedAddress = address;
    } else if (extra.sw3 !== 0x91) {
      return failed(extra.sw3);
    }
  }
  ctx.rememberCard(card.idNumber);
  return { kind: 'record', record };
}

/** A failed step: cards the SAM refuses end the read, anything else goes back to find. */
function failed(code: number): Attempt {
  const meaning = sw3Meaning(code);
  if (meaning.action === 'cardRejected') {
    throw new DeviceError(`the reader refused this card: ${describeSw3(code)}; try another card`, {
      ...meaning.flags,
      code,
    });
  }
  return { kind: 'failed', code };
}

function positive(key: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`readCard option ${key} must be a positive number of ms, got ${value}`);
  }
  return value;
}
