import type { IncomingMessage } from 'node:http';
import { helpRequestSchema, type HelpRequestBody } from '../help-request.ts';
import { idempotencyKeySchema } from '../schemas.ts';
import { ApiFailure, parseBody, readBody } from './http.ts';
import type { Route } from './routes.ts';

/**
 * The sandbox's help desk (帮办): it opens one help request per idempotency key, as a hall's
 * staff console would, and lets tests see what arrived.
 */

/** A help request as `GET /sandbox/help-requests` lists it. */
export interface StoredHelpRequest extends HelpRequestBody {
  helpRequestId: string;
  idempotencyKey: string;
  receivedAt: string;
}

/**
 * Requests the sandbox keeps before it refuses more: a sandbox runs for a day of tests at most,
 * and a runaway client must not grow its memory without bound.
 */
export const MAX_STORED_HELP_REQUESTS = 10_000;

/** Stores help requests once per key; a key reused with another body is a 409. */
export class HelpDesk {
  readonly #stored: StoredHelpRequest[] = [];
  readonly #byKey = new Map<string, { fingerprint: string; request: StoredHelpRequest }>();
  readonly #now: () => Date;

  constructor(options: { now: () => Date }) {
    this.#now = options.now;
  }

  /** Opens (or, for a repeated key, finds) a help request. */
  open(
    body: HelpRequestBody,
    idempotencyKey: string,
  ): { helpRequestId: string; replayed: boolean } {
    const fingerprint = JSON.stringify([body.kioskId, body.screen, body.flowId ?? '', body.reason]);
    const earlier = this.#byKey.get(idempotencyKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ApiFailure(
          409,
          'request-id-reused',
          'this Idempotency-Key was already used for a different help request; make a new key for each request',
          'Idempotency-Key',
        );
      }
      return { helpRequestId: earlier.request.helpRequestId, replayed: true };
    }
    if (this.#stored.length >= MAX_STORED_HELP_REQUESTS) {
      throw new ApiFailure(
        503,
        'help-desk-full',
        'the sandbox help desk is full; restart the sandbox',
      );
    }
    const now = this.#now();
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    const stored: StoredHelpRequest = {
      ...body,
      helpRequestId: `BB${day}${String(this.#stored.length + 1).padStart(6, '0')}`,
      idempotencyKey,
      receivedAt: now.toISOString(),
    };
    this.#stored.push(stored);
    this.#byKey.set(idempotencyKey, { fingerprint, request: stored });
    return { helpRequestId: stored.helpRequestId, replayed: false };
  }

  /** Every stored request, oldest first (copies). */
  list(): StoredHelpRequest[] {
    return structuredClone(this.#stored);
  }
}

/** The request's key: required, sent once, and of the shape API v1 allows. */
function requiredKey(request: IncomingMessage): string {
  const value = request.headers['idempotency-key'];
  if (typeof value !== 'string' || !idempotencyKeySchema.safeParse(value).success) {
    throw new ApiFailure(
      400,
      'invalid-idempotency-key',
      'send header Idempotency-Key once, 8-128 letters, digits, dots, colons, dashes or underscores; use a UUID',
      'Idempotency-Key',
    );
  }
  return value;
}

/** `POST /api/v1/help-requests` and the sandbox's list of what it received. */
export function helpRoutes(desk: HelpDesk): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v1/help-requests',
      handle: async (request) => {
        const key = requiredKey(request);
        const body = parseBody(await readBody(request), helpRequestSchema);
        const { helpRequestId, replayed } = desk.open(body, key);
        return {
          status: replayed ? 200 : 201,
          json: { helpRequestId },
          headers: { 'idempotent-replayed': String(replayed) },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/sandbox/help-requests',
      control: true,
      handle: () => ({ status: 200, json: { helpRequests: desk.list() } }),
    },
  ];
}
