import { createHash, randomBytes } from 'node:crypto';
import { CARD_PROFILES, type CardProfile } from '../../../../drivers/id-card/profiles.ts';
import type { IdentityVerification, IdentityVerifyRequest } from '../schemas.ts';
import { ApiFailure } from './http.ts';

/**
 * The sandbox's population register: the fictional card holders of the ID-card simulator,
 * plus a deterministic pseudo-random stream per person from which their records are grown.
 * Nothing here is written anywhere; it lives and dies with the sandbox process.
 */

/** Profiles that hold no social-insurance or housing-fund record, so "not found" is real. */
export const PROFILES_WITHOUT_RECORDS: ReadonlySet<string> = new Set(['resident-sun-no-record']);

/** One person the sandbox knows. */
export interface Resident {
  profile: CardProfile;
  hasRecords: boolean;
  /** Seed for this person's record generator: same person, same numbers, every run. */
  seed: number;
}

/** The sandbox's register, built from CARD_PROFILES. */
export function seedResidents(profiles: readonly CardProfile[] = CARD_PROFILES): Resident[] {
  return profiles.map((profile) => ({
    profile,
    hasRecords: !PROFILES_WITHOUT_RECORDS.has(profile.id),
    seed: createHash('sha256').update(profile.idNumber).digest().readUInt32BE(0),
  }));
}

/** A small deterministic generator (mulberry32); plenty for plausible sandbox numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Hands out and resolves `residentRef`s. A ref is random and expires, so it is worthless
 * outside the session that verified the card and never reveals the ID number.
 */
export class ResidentDirectory {
  readonly #residents: Resident[];
  readonly #refs = new Map<string, { resident: Resident; expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #now: () => Date;

  constructor(residents: Resident[], options: { ttlMs: number; now: () => Date }) {
    this.#residents = residents;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  /** Compares the card against the register; a match yields a fresh ref. */
  verify(request: IdentityVerifyRequest): IdentityVerification {
    const resident = this.#residents.find(
      (r) =>
        r.profile.idNumber.toUpperCase() === request.idNumber &&
        r.profile.cardType === request.cardType &&
        namesMatch(r.profile, request.name),
    );
    // One answer for "unknown number" and "wrong name", so the check cannot be used to learn
    // which ID numbers exist.
    if (!resident) return { verified: false, reason: 'no-match' };
    return { verified: true, residentRef: this.admit(resident) };
  }

  /** The resident seeded from a simulator card profile, by the profile's id. */
  byProfile(profileId: string): Resident | undefined {
    return this.#residents.find((r) => r.profile.id === profileId);
  }

  /** Mints a fresh residentRef for someone whose identity was proved another way (a resident code). */
  admit(resident: Resident): string {
    this.#sweep();
    const residentRef = `rr_${randomBytes(18).toString('base64url')}`;
    this.#refs.set(residentRef, {
      resident,
      expiresAt: this.#now().getTime() + this.#ttlMs,
    });
    return residentRef;
  }

  /** The resident a live ref points to, or undefined when it is unknown or expired. */
  resolve(residentRef: string): Resident | undefined {
    this.#sweep();
    return this.#refs.get(residentRef)?.resident;
  }

  #sweep(): void {
    const now = this.#now().getTime();
    for (const [ref, entry] of this.#refs) if (entry.expiresAt <= now) this.#refs.delete(ref);
  }
}

function namesMatch(profile: CardProfile, name: string): boolean {
  const wanted = name.trim().toUpperCase();
  return [profile.name, profile.nameEn]
    .filter((n): n is string => n !== undefined)
    .some((n) => n.trim().toUpperCase() === wanted);
}

/** The resident a live ref points to, or the 401 that tells the kiosk to verify again. */
export function residentOrFail(residents: ResidentDirectory, ref: string): Resident {
  const resident = residents.resolve(ref);
  if (!resident) {
    throw new ApiFailure(
      401,
      'resident-ref-expired',
      'residentRef is unknown or has expired; verify the identity card again',
    );
  }
  return resident;
}
