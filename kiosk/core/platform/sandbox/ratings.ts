import type { IncomingMessage } from 'node:http';
import { idempotencyKeySchema, ratingRequestSchema, type RatingRequest } from '../schemas.ts';
import { ApiFailure, parseBody, readBody } from './http.ts';
import type { Route } from './routes.ts';
import { HALL_SERVICES } from './services.ts';

/**
 * 好差评 ratings of the sandbox: which services can be rated (the hall's own plus every flow
 * the kiosk installed), and the box that stores each rating once per idempotency key.
 */

/** A service a resident can rate. */
export interface RateableService {
  id: string;
  name: string;
}

/** As `serviceId` in API v1 requests; every flow id fits. */
const SERVICE_ID = /^[a-z0-9-]{1,64}$/;

/** The services ratings are accepted for; flows can be added after the sandbox started. */
export class ServiceDirectory {
  readonly #services = new Map<string, string>();

  constructor(initial: readonly RateableService[] = []) {
    for (const service of HALL_SERVICES) this.#services.set(service.id, service.name);
    this.register(initial);
  }

  /**
   * Adds services (or renames known ones); registering an id twice is harmless. Throws a
   * RangeError for an id API v1 could never carry, so a bad flow id shows up at start-up.
   */
  register(services: readonly RateableService[]): void {
    for (const service of services) {
      if (!SERVICE_ID.test(service.id)) {
        throw new RangeError(
          `service id ${JSON.stringify(service.id)} must be 1-64 lower-case letters, digits or dashes`,
        );
      }
    }
    for (const service of services) this.#services.set(service.id, service.name);
  }

  /** Every service known now, hall services first. */
  list(): RateableService[] {
    return [...this.#services].map(([id, name]) => ({ id, name }));
  }

  /** The service with this id, or a 422 `unknown-service` naming the ids that are known. */
  require(serviceId: string): RateableService {
    const name = this.#services.get(serviceId);
    if (name === undefined) {
      throw new ApiFailure(
        422,
        'unknown-service',
        `no service "${serviceId}" is known to this platform; use one of ${[...this.#services.keys()].join(', ')}`,
        'serviceId',
      );
    }
    return { id: serviceId, name };
  }
}

/** A stored rating, as `GET /sandbox/ratings` lists it. */
export interface StoredRating extends RatingRequest {
  ratingId: string;
  /** The `Idempotency-Key` the rating came with, or null when it came without one. */
  idempotencyKey: string | null;
  receivedAt: string;
}

/** What a submission got: the receipt, and whether it repeats an earlier one. */
export interface RatingOutcome {
  ratingId: string;
  replayed: boolean;
}

/** Collects ratings; one per service per session, as the 好差评 rules ask. */
export class RatingBox {
  readonly #stored: StoredRating[] = [];
  readonly #bySession = new Set<string>();
  readonly #byKey = new Map<string, { fingerprint: string; rating: StoredRating }>();
  readonly #services: ServiceDirectory;
  readonly #now: () => Date;

  constructor(options: { services: ServiceDirectory; now: () => Date }) {
    this.#services = options.services;
    this.#now = options.now;
  }

  /**
   * Records a rating and returns its id. A repeated idempotency key with the same body returns
   * the first receipt without storing again; with another body it is a 409, never a guess.
   */
  submit(rating: RatingRequest, idempotencyKey?: string): RatingOutcome {
    if (idempotencyKey !== undefined && !idempotencyKeySchema.safeParse(idempotencyKey).success) {
      throw new ApiFailure(
        400,
        'invalid-idempotency-key',
        'header Idempotency-Key must be 8-128 letters, digits, dots, colons, dashes or underscores; use a UUID',
        'Idempotency-Key',
      );
    }
    const fingerprint = fingerprintOf(rating);
    const earlier = idempotencyKey === undefined ? undefined : this.#byKey.get(idempotencyKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ApiFailure(
          409,
          'request-id-reused',
          'this Idempotency-Key was already used for a different rating; make a new key for each rating',
          'Idempotency-Key',
        );
      }
      return { ratingId: earlier.rating.ratingId, replayed: true };
    }
    this.#services.require(rating.serviceId);
    const sessionKey = `${rating.sessionRef}|${rating.serviceId}`;
    if (this.#bySession.has(sessionKey)) {
      throw new ApiFailure(
        409,
        'already-rated',
        'this session already rated this service; a session may rate each service once',
        'sessionRef',
      );
    }
    const now = this.#now();
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    const stored: StoredRating = {
      ...rating,
      ratingId: `PJ${day}${String(this.#stored.length + 1).padStart(6, '0')}`,
      idempotencyKey: idempotencyKey ?? null,
      receivedAt: now.toISOString(),
    };
    this.#stored.push(stored);
    this.#bySession.add(sessionKey);
    if (idempotencyKey !== undefined)
      this.#byKey.set(idempotencyKey, { fingerprint, rating: stored });
    return { ratingId: stored.ratingId, replayed: false };
  }

  /** Every stored rating, oldest first (copies, so a test cannot change the box). */
  list(): StoredRating[] {
    return structuredClone(this.#stored);
  }
}

/** The fields that make two ratings the same, in a fixed order. */
function fingerprintOf(rating: RatingRequest): string {
  return JSON.stringify([
    rating.serviceId,
    rating.score,
    rating.tags ?? [],
    rating.comment ?? '',
    rating.kioskId,
    rating.sessionRef,
  ]);
}

/** The idempotency key a request carries; a header sent twice is refused, not guessed at. */
export function idempotencyKeyOf(request: IncomingMessage): string | undefined {
  const value = request.headers['idempotency-key'];
  if (Array.isArray(value)) {
    throw new ApiFailure(
      400,
      'invalid-idempotency-key',
      'send header Idempotency-Key once per request',
      'Idempotency-Key',
    );
  }
  return value;
}

/** `POST /api/v1/ratings` and the sandbox's view of what it stored and which services it knows. */
export function ratingRoutes(ratings: RatingBox, services: ServiceDirectory): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/ratings',
      handle: async (request) => {
        const key = idempotencyKeyOf(request);
        const body = parseBody(await readBody(request), ratingRequestSchema);
        const { ratingId, replayed } = ratings.submit(body, key);
        return {
          status: replayed ? 200 : 201,
          json: { ratingId },
          headers: { 'idempotent-replayed': String(replayed) },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/sandbox/ratings',
      control: true,
      handle: () => ({ status: 200, json: { ratings: ratings.list() } }),
    },
    {
      method: 'GET',
      pattern: '/sandbox/services',
      control: true,
      handle: () => ({ status: 200, json: { services: services.list() } }),
    },
  ];
}
