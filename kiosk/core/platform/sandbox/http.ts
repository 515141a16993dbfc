import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ErrorReply } from '../schemas.ts';

/** Largest request body the sandbox reads; every v1 body is far smaller. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** A refusal a handler throws; the server turns it into the v1 error envelope. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** Writes a JSON reply. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** Writes the v1 error envelope for a failure. */
export function sendFailure(response: ServerResponse, failure: ApiFailure): void {
  const error: ErrorReply['error'] = { code: failure.code, message: failure.message };
  if (failure.field !== undefined) error.field = failure.field;
  sendJson(response, failure.status, { error });
}

/** Bodies already read, so the signature check and the handler both see the same text. */
const bodies = new WeakMap<IncomingMessage, Promise<string>>();

/** Reads the whole request body as text (once per request), refusing bodies over BODY_LIMIT_BYTES. */
export function readBody(request: IncomingMessage): Promise<string> {
  let body = bodies.get(request);
  if (!body) {
    body = readOnce(request);
    bodies.set(request, body);
  }
  return body;
}

async function readOnce(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) {
      throw new ApiFailure(
        413,
        'body-too-large',
        `request body is over ${BODY_LIMIT_BYTES} bytes; send only the fields API v1 lists`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses and validates a JSON body. The first problem is reported with its field path, and the
 * message never echoes the value, because the value may be an ID number.
 */
export function parseBody<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'invalid-json', 'request body is not JSON; send a JSON object');
  }
  return validate(json, schema);
}

/** Validates a value (a parsed body or query) and reports the first bad field. */
export function validate<S extends z.ZodType>(value: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const message = issue?.message ?? 'invalid value';
  if (field === undefined) {
    throw new ApiFailure(400, 'invalid-request', `request body ${message}; send a JSON object`);
  }
  throw new ApiFailure(
    400,
    'invalid-field',
    `field "${field}" ${message.replace(/^Invalid input: /, '')}; correct it and send again`,
    field,
  );
}
