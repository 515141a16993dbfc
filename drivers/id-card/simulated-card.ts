import { encodeTextBlock, type TextBlockInput } from './text-block.ts';
import type { CardProfile } from './profiles.ts';

/**
 * Turns a fictional card profile into the bytes a simulated card carries: the 256-byte text
 * block, a fake WLT photo and optional fake fingerprints. The fakes are deterministic per
 * profile, so a test can compare what the driver read with what the card holds.
 */

/** Size of the WLT photo every card carries. */
export const WLT_PHOTO_SIZE = 1024;

/** Size of the two fingerprint templates on a card that has them. */
export const FINGERPRINT_SIZE = 1024;

/** The bytes of one simulated card. */
export interface SimulatedCard {
  profile: CardProfile;
  text: Uint8Array;
  photo: Uint8Array;
  /** Undefined when the card carries no fingerprints. */
  fingerprint?: Uint8Array;
  appendedAddress?: string;
}

/** Options for building a simulated card beyond what the profile says. */
export interface SimulatedCardOptions {
  /** Give the card fake fingerprint templates (default: none). */
  withFingerprint?: boolean;
}

/** Builds the card a profile describes; throws a RangeError naming any field that does not fit. */
export function simulatedCard(
  profile: CardProfile,
  options: SimulatedCardOptions = {},
): SimulatedCard {
  const card: SimulatedCard = {
    profile,
    text: encodeTextBlock(cardTextOf(profile)),
    photo: fakeWltPhoto(profile.id),
  };
  if (options.withFingerprint)
    card.fingerprint = fakeBytes(`${profile.id}/fingerprint`, FINGERPRINT_SIZE);
  if (profile.appendedAddress !== undefined) card.appendedAddress = profile.appendedAddress;
  return card;
}

/** Maps a profile (dates as on the card, YYYYMMDD / 长期) to text-block fields. */
export function cardTextOf(profile: CardProfile): TextBlockInput {
  const date = (value: string): string =>
    /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}` : value;
  const input: TextBlockInput = {
    cardType: profile.cardType,
    name: profile.name,
    gender: profile.gender,
    birthDate: date(profile.birthDate),
    idNumber: profile.idNumber,
    validFrom: date(profile.validFrom),
    validTo: profile.validTo === '长期' ? 'long-term' : date(profile.validTo),
  };
  if (profile.nationCode !== undefined) input.nationCode = profile.nationCode;
  if (profile.nameEn !== undefined) input.nameEn = profile.nameEn;
  if (profile.address !== undefined) input.address = profile.address;
  if (profile.issuer !== undefined) input.issuer = profile.issuer;
  if (profile.passNumber !== undefined) input.passNumber = profile.passNumber;
  if (profile.issueCount !== undefined) input.issueCount = profile.issueCount;
  if (profile.nationality !== undefined) input.nationality = profile.nationality;
  if (profile.cardType === 'foreign-permanent' && !profile.idNumber.startsWith('9')) {
    // Values printed on every 2017 card seen (spec §8.2): version 01, issued by the MPS (1500).
    // The 2023 card (number starting 9) has no such fields in the part of its layout known.
    input.cardVersion = '01';
    input.authorityCode = '1500';
  }
  return input;
}

/**
 * A 1024-byte stand-in for a WLT photo. It starts with the ASCII marker `KIOSK24-FAKE-WLT`
 * so no one mistakes it for a real photo, and is not decodable by any WLT decoder.
 */
export function fakeWltPhoto(seed: string): Uint8Array {
  const photo = fakeBytes(`${seed}/photo`, WLT_PHOTO_SIZE);
  photo.set(new TextEncoder().encode('KIOSK24-FAKE-WLT'), 0);
  return photo;
}

/** Deterministic pseudo-random bytes from a seed string (FNV-1a seed, xorshift32 stream). */
function fakeBytes(seed: string, size: number): Uint8Array {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++)
    state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  if (state === 0) state = 1;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}
