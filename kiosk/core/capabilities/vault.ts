import { randomUUID } from 'node:crypto';
import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import type { ResidentCodeResolution } from '../platform/schemas.ts';
import { maskIdNumber, maskName } from '../privacy/mask.ts';
import { CapabilityError } from './errors.ts';
import type { ResidentView, ScannedCodeView } from './outputs.ts';

/** A card holder's raw card text; never leaves the vault except to a capability that needs it. */
type CardText = Omit<IdCardRecord, 'photoWlt' | 'fingerprint'>;

/** The raw facts behind one resident view. */
export type SealedResident =
  | { source: 'card'; card: CardText; residentRef?: string }
  | { source: 'qr'; name: string; idNumberMasked: string; residentRef: string };

/** Age from which a resident counts as a senior (老年人) for elder-friendly services. */
const SENIOR_AGE = 60;
/** Age of majority in China. */
const ADULT_AGE = 18;

/**
 * One session's sealed personal data. Capabilities put raw values in and hand the flow only a
 * view with masked fields and an opaque handle; no `$context` or `$event` reference can reach
 * what is in here, whatever key a flow uses. The handle table lives in memory only and
 * `clear()` at the wipe drops all of it.
 */
export class SessionVault {
  readonly #residents = new Map<string, SealedResident>();
  readonly #codes = new Map<string, string>();
  readonly #records = new Map<string, unknown>();

  constructor(private readonly now: () => number) {}

  /** Seals a card read; the flow gets the view. */
  admitCard(card: CardText): ResidentView {
    const holder = `holder_${randomUUID()}`;
    this.#residents.set(holder, { source: 'card', card });
    const view: ResidentView = {
      holder,
      source: 'card',
      cardType: card.cardType,
      nameMasked: maskName(card.name || (card.nameEn ?? '')),
      idNumberMasked: maskIdNumber(card.idNumber),
      ageBand: ageBand(card.birthDate, this.now()),
    };
    // A foreigner's card carries the holder's name in Latin script; English screens show that.
    if (card.nameEn !== undefined && card.nameEn.trim() !== '')
      view.nameMaskedEn = maskName(card.nameEn);
    return view;
  }

  /** Seals the platform's answer for a resident code; the flow gets the view. */
  admitCode(resolution: Extract<ResidentCodeResolution, { resolved: true }>): ResidentView {
    const holder = `holder_${randomUUID()}`;
    this.#residents.set(holder, {
      source: 'qr',
      name: resolution.name,
      idNumberMasked: resolution.idNumberMasked,
      residentRef: resolution.residentRef,
    });
    return {
      holder,
      source: 'qr',
      cardType: resolution.cardType,
      nameMasked: maskName(resolution.name),
      idNumberMasked: resolution.idNumberMasked,
      // The platform does not send a birth date for a code holder.
      ageBand: 'adult',
    };
  }

  /** The sealed resident behind a view the flow passed back; refused when it is not one. */
  resident(view: unknown): SealedResident {
    const holder = handleOf(view, 'holder');
    const sealed = holder === undefined ? undefined : this.#residents.get(holder);
    if (!sealed) {
      throw new CapabilityError(
        'the resident given is not one identified in this session; pass the output of idcard.read or identity.fromCode, e.g. "$context.resident"',
        { rejected: true },
      );
    }
    return sealed;
  }

  /** Remembers the platform's residentRef for a card holder after the identity check. */
  rememberRef(view: unknown, residentRef: string): void {
    const sealed = this.resident(view);
    if (sealed.source === 'card') sealed.residentRef = residentRef;
  }

  /** Keeps a scanned code's text and returns the handle a flow may carry instead. */
  keepCode(text: string, symbology: string): ScannedCodeView {
    const code = `scan_${randomUUID()}`;
    this.#codes.set(code, text);
    return { code, symbology, length: text.length };
  }

  /**
   * The text behind a code handle. A handle is single-use: a resident code is a short-lived
   * credential, so it is forgotten as soon as it has been presented to the platform.
   */
  takeCode(handle: unknown): string {
    const text = typeof handle === 'string' ? this.#codes.get(handle) : undefined;
    if (text === undefined) {
      const what =
        typeof handle === 'string' && /^scan_[0-9a-f-]{36}$/.test(handle)
          ? 'a code that was already used or belongs to another session'
          : 'something that is not a scanner.read handle';
      throw new CapabilityError(
        `identity.fromCode got ${what}; pass the "code" output of scanner.read, e.g. "$context.scan.code"`,
        { rejected: true },
      );
    }
    this.#codes.delete(handle as string);
    return text;
  }

  /** Seals a full platform record and returns the handle its view carries. */
  keepRecord(record: unknown): string {
    const handle = `record_${randomUUID()}`;
    this.#records.set(handle, record);
    return handle;
  }

  /** The full record behind a record view the flow passed back. */
  record(view: unknown): unknown {
    const handle = handleOf(view, 'record');
    const record = handle === undefined ? undefined : this.#records.get(handle);
    if (record === undefined) {
      throw new CapabilityError(
        'the record given is not one fetched in this session; pass the output of platform.call, e.g. "$context.record"',
        { rejected: true },
      );
    }
    return record;
  }

  /** Forgets everything. */
  clear(): void {
    this.#residents.clear();
    this.#codes.clear();
    this.#records.clear();
  }
}

function handleOf(view: unknown, key: string): string | undefined {
  if (typeof view !== 'object' || view === null || !Object.hasOwn(view, key)) return undefined;
  const value = (view as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** The age band of a `YYYY-MM-DD` birth date at `now`; an unreadable date counts as adult. */
function ageBand(birthDate: string, now: number): ResidentView['ageBand'] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return 'adult';
  const today = new Date(now + 8 * 3600_000); // China Standard Time
  let age = today.getUTCFullYear() - Number(match[1]);
  const month = today.getUTCMonth() + 1;
  if (
    month < Number(match[2]) ||
    (month === Number(match[2]) && today.getUTCDate() < Number(match[3]))
  )
    age--;
  if (age >= SENIOR_AGE) return 'senior';
  return age >= ADULT_AGE ? 'adult' : 'minor';
}
