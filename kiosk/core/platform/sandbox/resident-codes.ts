import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { maskIdNumber } from '../../privacy/mask.ts';
import {
  residentCodeRequestSchema,
  type ResidentCodeRefusal,
  type ResidentCodeResolution,
} from '../schemas.ts';
import { ApiFailure, parseBody, readBody, validate } from './http.ts';
import type { Resident, ResidentDirectory } from './residents.ts';
import type { Route } from './routes.ts';

/**
 * The sandbox's phone resident codes (居民码 / 苏服码 style): what a resident's phone would show.
 * A code is a link `https://sandbox.kiosk24.invalid/rc/<payload>.<signature>`, where the payload
 * names the resident and an expiry and the signature is an HMAC under a key that exists only in
 * this sandbox process. So codes cannot be forged, die with the sandbox, and expire on their own.
 */

/** Where sandbox resident codes point; `.invalid` so no phone or kiosk ever resolves it. */
export const RESIDENT_CODE_BASE = 'https://sandbox.kiosk24.invalid/rc/';

/** Default life of a code, like the minute-scale refresh of the real apps. */
export const DEFAULT_RESIDENT_CODE_TTL_MS = 2 * 60 * 1000;

const payloadSchema = z.object({
  p: z.string().min(1),
  x: z.number().int(),
  n: z.string(),
});
const TOKEN = /^([A-Za-z0-9_-]{8,1024})\.([A-Za-z0-9_-]{43})$/;

/** A freshly issued code. */
export interface IssuedResidentCode {
  code: string;
  profileId: string;
  expiresAt: string;
}

/** Issues and checks the signed resident codes of one sandbox instance. */
export class ResidentCodes {
  readonly #key = randomBytes(32);
  readonly #residents: ResidentDirectory;
  readonly #ttlMs: number;
  readonly #now: () => Date;

  constructor(residents: ResidentDirectory, options: { ttlMs: number; now: () => Date }) {
    this.#residents = residents;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now;
  }

  /** A code for a seeded profile; `expired` backdates it so tests can drive the refusal. */
  issue(resident: Resident, options: { expired?: boolean } = {}): IssuedResidentCode {
    const now = this.#now().getTime();
    const expiresAt = options.expired ? now - 1000 : now + this.#ttlMs;
    const payload = Buffer.from(
      JSON.stringify({ p: resident.profile.id, x: expiresAt, n: randomBytes(6).toString('hex') }),
      'utf8',
    ).toString('base64url');
    return {
      code: `${RESIDENT_CODE_BASE}${payload}.${this.#sign(payload).toString('base64url')}`,
      profileId: resident.profile.id,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  /** Checks a scanned code; a good one yields a fresh residentRef for its holder. */
  resolve(code: string): ResidentCodeResolution {
    const refused = (reason: ResidentCodeRefusal): ResidentCodeResolution => ({
      resolved: false,
      reason,
    });
    const match = code.startsWith(RESIDENT_CODE_BASE)
      ? TOKEN.exec(code.slice(RESIDENT_CODE_BASE.length))
      : null;
    if (!match) return refused('malformed');
    const payload = match[1] ?? '';
    const signature = Buffer.from(match[2] ?? '', 'base64url');
    const expected = this.#sign(payload);
    // A code signed by another sandbox (or a forgery) names nobody this platform knows.
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected))
      return refused('unknown');
    let parsed: z.infer<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      // Only this sandbox signs payloads, so an unreadable one is a bug here, reported as unknown.
      return refused('unknown');
    }
    const resident = this.#residents.byProfile(parsed.p);
    if (!resident) return refused('unknown');
    if (parsed.x <= this.#now().getTime()) return refused('expired');
    return {
      resolved: true,
      residentRef: this.#residents.admit(resident),
      name: resident.profile.name || (resident.profile.nameEn ?? ''),
      idNumberMasked: maskIdNumber(resident.profile.idNumber.toUpperCase()),
      cardType: resident.profile.cardType,
    };
  }

  #sign(payload: string): Buffer {
    return createHmac('sha256', this.#key).update(payload).digest();
  }
}

const issueQuerySchema = z.object({ expired: z.enum(['true', 'false']).default('false') });

/** The resolve endpoint of API v1 and the sandbox-only endpoint that hands out codes. */
export function residentCodeRoutes(codes: ResidentCodes, residents: ResidentDirectory): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/identity/resolve-code',
      handle: async (request) => {
        const body = parseBody(await readBody(request), residentCodeRequestSchema);
        return { status: 200, json: codes.resolve(body.code) };
      },
    },
    {
      method: 'GET',
      pattern: '/sandbox/resident-codes/:profileId',
      control: true,
      handle: (_request, params, url) => {
        const query = validate(Object.fromEntries(url.searchParams), issueQuerySchema);
        const resident = residents.byProfile(params.profileId ?? '');
        if (!resident) {
          throw new ApiFailure(
            404,
            'profile-unknown',
            'no seeded resident has this profile id; use an id of the ID-card simulator, e.g. resident-li',
          );
        }
        return {
          status: 200,
          json: codes.issue(resident, { expired: query.expired === 'true' }),
        };
      },
    },
  ];
}
