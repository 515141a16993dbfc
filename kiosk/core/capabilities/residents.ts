import { randomUUID } from 'node:crypto';
import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import type { CardType, ResidentCodeResolution } from '../platform/schemas.ts';
import { maskName } from '../privacy/mask.ts';
import { CapabilityError } from './errors.ts';

/** A resident identified by their ID card: the card's text plus display-ready masked copies. */
export interface CardResident extends Omit<IdCardRecord, 'photoWlt' | 'fingerprint'> {
  source: 'card';
  nameMasked: string;
  idNumberMasked: string;
}

/**
 * A resident identified by a phone resident code. The full ID number never reaches the kiosk:
 * the platform sends only a masked one. `holder` is an opaque session handle; the platform's
 * residentRef stays inside the runtime.
 */
export interface CodeResident {
  source: 'qr';
  holder: string;
  name: string;
  nameMasked: string;
  idNumberMasked: string;
  cardType: CardType;
}

/** The resident as a flow holds it in its context, whichever way they proved who they are. */
export type ResidentInContext = CardResident | CodeResident;

/** The handle `scanner.read` hands a flow instead of the scanned text. */
export interface ScannedCodeInContext {
  /** Opaque, session-scoped handle; `platform.call identity.fromCode` takes it as `code`. */
  code: string;
  symbology: string;
  length: number;
}

const CODE_HANDLE = /^scan_[0-9a-f-]{36}$/;

/**
 * One session's memory of who is at the kiosk: the scanned codes (by handle) and the platform's
 * residentRefs (by ID number or code holder). It lives only in memory and `clear()` at the
 * session's end drops all of it.
 */
export class SessionResidents {
  readonly #codes = new Map<string, string>();
  readonly #refs = new Map<string, string>();

  /** Keeps a scanned code's text and returns the handle a flow may carry instead. */
  keepCode(text: string, symbology: string): ScannedCodeInContext {
    const code = `scan_${randomUUID()}`;
    this.#codes.set(code, text);
    return { code, symbology, length: text.length };
  }

  /**
   * The text behind a handle. A handle is single-use: a resident code is a short-lived credential,
   * so it is forgotten as soon as it has been presented to the platform.
   */
  takeCode(handle: unknown): string {
    const text = typeof handle === 'string' ? this.#codes.get(handle) : undefined;
    if (text === undefined) {
      const what =
        typeof handle === 'string' && CODE_HANDLE.test(handle)
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

  /** Records the platform's answer for a resident code and returns the resident for the flow. */
  admitCodeResident(resolution: Extract<ResidentCodeResolution, { resolved: true }>): CodeResident {
    const holder = `holder_${randomUUID()}`;
    this.#refs.set(holder, resolution.residentRef);
    return {
      source: 'qr',
      holder,
      name: resolution.name,
      nameMasked: maskName(resolution.name),
      idNumberMasked: resolution.idNumberMasked,
      cardType: resolution.cardType,
    };
  }

  /** The residentRef already known for a resident, if any. */
  refOf(resident: ResidentInContext): string | undefined {
    return this.#refs.get(keyOf(resident));
  }

  /** Remembers the residentRef the identity check gave a card holder. */
  rememberCardRef(resident: CardResident, residentRef: string): void {
    this.#refs.set(keyOf(resident), residentRef);
  }

  /** Forgets everything. */
  clear(): void {
    this.#codes.clear();
    this.#refs.clear();
  }
}

/** True when a flow's resident came from a resident code (it carries no full ID number). */
export function isCodeResident(resident: ResidentInContext): resident is CodeResident {
  return resident.source === 'qr';
}

function keyOf(resident: ResidentInContext): string {
  return isCodeResident(resident) ? resident.holder : `card:${resident.idNumber}`;
}
