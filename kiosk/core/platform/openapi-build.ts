/**
 * Builds the OpenAPI 3.1 document of platform API v1 (openapi.json) from the zod schemas the
 * client and sandbox share, plus the table of operations below. `npm run openapi-doc` writes it;
 * openapi.test.ts fails while the committed file differs, and checks the sandbox against it.
 */
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import * as v1 from './schemas.ts';
import { helpReceiptSchema, helpRequestSchema } from './help-request.ts';
import * as services from './schemas-services.ts';
import { NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signing.ts';

/** The document, relative to the repository root. */
export const OPENAPI_DOC = 'kiosk/core/platform/openapi.json';

/** Every named schema of the document: replies (output shape) and request bodies (input shape). */
const REPLIES: Record<string, z.ZodType> = {
  Health: v1.healthSchema,
  IdentityVerification: v1.identityVerificationSchema,
  ResidentCodeResolution: v1.residentCodeResolutionSchema,
  SiPaymentRecord: v1.siPaymentRecordSchema,
  HpfDepositRecord: v1.hpfDepositRecordSchema,
  IssuedCertificate: v1.issuedCertificateSchema,
  CertificateRevocation: v1.certificateRevocationSchema,
  CertificateCheck: v1.certificateCheckSchema,
  RatingReceipt: v1.ratingReceiptSchema,
  QueueTicket: v1.queueTicketSchema,
  ApplicationProgress: v1.applicationProgressSchema,
  GuideList: services.guideListSchema,
  Guide: services.guideSchema,
  HallList: services.hallListSchema,
  HallQueues: services.hallQueuesSchema,
  LicenceList: services.licenceListSchema,
  RealEstateRecord: services.realEstateRecordSchema,
  Bundle: services.bundleSchema,
  MaterialsHeld: services.materialsHeldSchema,
  ApplicationReceipt: services.applicationReceiptSchema,
  CreditRecord: services.creditRecordSchema,
  HelpRequestReceipt: helpReceiptSchema,
  ErrorReply: v1.errorReplySchema,
};
const REQUESTS: Record<string, z.ZodType> = {
  IdentityVerifyRequest: v1.identityVerifyRequestSchema,
  ResidentCodeRequest: v1.residentCodeRequestSchema,
  CertificateIssueRequest: v1.certificateIssueRequestSchema,
  CertificateRevokeRequest: v1.certificateRevokeRequestSchema,
  RatingRequest: v1.ratingRequestSchema,
  QueueTicketRequest: v1.queueTicketRequestSchema,
  CheckInRequest: services.checkInRequestSchema,
  ApplicationRequest: services.applicationRequestSchema,
  HelpRequestRequest: helpRequestSchema,
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  delete out.$schema;
  return out;
}

/** One operation of the table: `reply` names a component; statuses list the documented errors. */
interface Operation {
  id: string;
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  /** Request body component. */
  body?: string;
  /** Success statuses and the component each returns. */
  ok: Record<number, string>;
  errors: number[];
  query?: Record<
    string,
    { schema: Record<string, unknown>; required?: boolean; description: string }
  >;
  /** Public: the QR on paper opens it, so it is not signed. */
  unsigned?: boolean;
  idempotencyKey?: 'optional' | 'required';
}

// prettier-ignore
const REF = { schema: { type: 'string', minLength: 8, maxLength: 128 }, required: true, description: 'the residentRef from the identity check' };
const PERIOD = {
  months: {
    schema: { type: 'integer', minimum: 1, maximum: 36 },
    description: 'the last N settled months (default 12); not with from/to',
  },
  from: {
    schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
    description: 'first month of a range, YYYY-MM (with to; at most 36 months)',
  },
  to: {
    schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
    description: 'last month of a range, YYYY-MM',
  },
};

// One operation a line, so the table reads as the API's index.
// prettier-ignore
export const OPERATIONS: readonly Operation[] = [
  { id: 'health', method: 'get', path: '/health', summary: 'Platform liveness', tag: 'platform', ok: { 200: 'Health' }, errors: [], unsigned: true },
  { id: 'identityVerify', method: 'post', path: '/api/v1/identity/verify', summary: 'Identity by card: name and ID number to a residentRef', tag: 'identity', body: 'IdentityVerifyRequest', ok: { 200: 'IdentityVerification' }, errors: [400] },
  { id: 'identityResolveCode', method: 'post', path: '/api/v1/identity/resolve-code', summary: 'Identity by phone resident code', tag: 'identity', body: 'ResidentCodeRequest', ok: { 200: 'ResidentCodeResolution' }, errors: [400] },
  { id: 'siPaymentRecord', method: 'get', path: '/api/v1/residents/{residentRef}/social-insurance/payment-record', summary: 'Social-insurance payment record over a period', tag: 'records', ok: { 200: 'SiPaymentRecord' }, errors: [400, 401, 404], query: PERIOD },
  { id: 'hpfDepositRecord', method: 'get', path: '/api/v1/residents/{residentRef}/housing-fund/deposit-record', summary: 'Housing provident fund balance and deposits over a period', tag: 'records', ok: { 200: 'HpfDepositRecord' }, errors: [400, 401, 404], query: PERIOD },
  { id: 'realEstateRecord', method: 'get', path: '/api/v1/records/real-estate', summary: 'Real estate registered to the resident', tag: 'records', ok: { 200: 'RealEstateRecord' }, errors: [400, 401, 404], query: { residentRef: REF } },
  { id: 'certificateIssue', method: 'post', path: '/api/v1/certificates', summary: 'Register a certificate before printing it (requestId is the idempotency key)', tag: 'certificates', body: 'CertificateIssueRequest', ok: { 201: 'IssuedCertificate', 200: 'IssuedCertificate' }, errors: [400, 401, 404, 409] },
  { id: 'certificateRevoke', method: 'post', path: '/api/v1/certificates/{code}/revoke', summary: 'Revoke a certificate whose print failed', tag: 'certificates', body: 'CertificateRevokeRequest', ok: { 200: 'CertificateRevocation' }, errors: [400, 404] },
  { id: 'certificateVerify', method: 'get', path: '/verify/{code}', summary: 'Public check of a certificate (the QR on the paper)', tag: 'certificates', ok: { 200: 'CertificateCheck' }, errors: [], unsigned: true },
  { id: 'ratingSubmit', method: 'post', path: '/api/v1/ratings', summary: '好差评 rating', tag: 'ratings', body: 'RatingRequest', ok: { 201: 'RatingReceipt', 200: 'RatingReceipt' }, errors: [400, 409, 422], idempotencyKey: 'optional' },
  { id: 'helpRequestCreate', method: 'post', path: '/api/v1/help-requests', summary: 'Call staff to the kiosk (帮办)', tag: 'ratings', body: 'HelpRequestRequest', ok: { 201: 'HelpRequestReceipt', 200: 'HelpRequestReceipt' }, errors: [400, 409], idempotencyKey: 'required' },
  { id: 'guideList', method: 'get', path: '/api/v1/guides', summary: 'The catalogue of guides (办事指南)', tag: 'guides', ok: { 200: 'GuideList' }, errors: [] },
  { id: 'guideGet', method: 'get', path: '/api/v1/guides/{guideId}', summary: 'One whole guide', tag: 'guides', ok: { 200: 'Guide' }, errors: [404] },
  { id: 'hallList', method: 'get', path: '/api/v1/halls', summary: 'Service halls', tag: 'halls', ok: { 200: 'HallList' }, errors: [] },
  { id: 'hallBusinessTypes', method: 'get', path: '/api/v1/halls/{hallId}/business-types', summary: "A hall's business types and queues", tag: 'queue', ok: { 200: 'HallQueues' }, errors: [404] },
  { id: 'queueTicket', method: 'post', path: '/api/v1/queue/tickets', summary: 'Take a queue ticket (never retried)', tag: 'queue', body: 'QueueTicketRequest', ok: { 201: 'QueueTicket' }, errors: [400, 422] },
  { id: 'appointmentCheckIn', method: 'post', path: '/api/v1/appointments/check-in', summary: 'Booked appointment to a ticket', tag: 'queue', body: 'CheckInRequest', ok: { 201: 'QueueTicket', 200: 'QueueTicket' }, errors: [400, 401, 404] },
  { id: 'bundleGet', method: 'get', path: '/api/v1/bundles/{bundleId}', summary: 'A "one thing done" bundle as data', tag: 'applications', ok: { 200: 'Bundle' }, errors: [404] },
  { id: 'materialsHeld', method: 'get', path: '/api/v1/materials/held', summary: 'Materials the platform already holds (免证办)', tag: 'applications', ok: { 200: 'MaterialsHeld' }, errors: [400, 401, 404], query: { residentRef: REF, bundle: { schema: { type: 'string', minLength: 1 }, required: true, description: 'the bundle id' } } },
  { id: 'applicationSubmit', method: 'post', path: '/api/v1/applications', summary: 'Submit a bundle application', tag: 'applications', body: 'ApplicationRequest', ok: { 201: 'ApplicationReceipt', 200: 'ApplicationReceipt' }, errors: [400, 401, 404, 409], idempotencyKey: 'required' },
  { id: 'applicationGet', method: 'get', path: '/api/v1/applications/{applicationNo}', summary: 'Application progress (older path)', tag: 'applications', ok: { 200: 'ApplicationProgress' }, errors: [404] },
  { id: 'applicationProgress', method: 'get', path: '/api/v1/applications/{applicationNo}/progress', summary: 'Application progress: steps done and to come, who handles them', tag: 'applications', ok: { 200: 'ApplicationProgress' }, errors: [404] },
  { id: 'applicationProgressPublic', method: 'get', path: '/progress/{applicationNo}', summary: 'Public progress page the receipt QR opens', tag: 'applications', ok: { 200: 'ApplicationProgress' }, errors: [404], unsigned: true },
  { id: 'licenceList', method: 'get', path: '/api/v1/licences', summary: "The resident's e-licences (电子证照)", tag: 'licences', ok: { 200: 'LicenceList' }, errors: [400, 401], query: { residentRef: REF } },
  { id: 'enterpriseCreditRecord', method: 'get', path: '/api/v1/enterprises/{creditCode}/credit-record', summary: "An enterprise's public credit record", tag: 'enterprises', ok: { 200: 'CreditRecord' }, errors: [400, 404] },
];

const ERROR_TEXT: Record<number, string> = {
  400: 'bad request: a field, the JSON or the Idempotency-Key is wrong',
  401: 'the residentRef expired, or the request signature was refused',
  404: 'nothing found',
  409: 'the idempotency key was used for another request, or already done',
  422: 'the service or hall is unknown',
};

function operationObject(op: Operation): Record<string, unknown> {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = Object.entries(op.query ?? {}).map(([name, q]) => ({
    name,
    in: 'query',
    required: q.required ?? false,
    description: q.description,
    schema: q.schema,
  }));
  const keyParam = op.idempotencyKey
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: op.idempotencyKey === 'required',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
        },
      ]
    : [];
  const responses: Record<string, unknown> = {};
  for (const [status, component] of Object.entries(op.ok)) {
    responses[status] = {
      description:
        status === '200' && op.ok[201]
          ? 'the same receipt again, for a repeated idempotency key'
          : 'success',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${component}` } } },
    };
  }
  for (const status of op.unsigned ? op.errors : [...new Set([...op.errors, 401])].sort()) {
    responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  }
  return {
    operationId: op.id,
    summary: op.summary,
    tags: [op.tag],
    ...(op.unsigned ? { security: [] } : {}),
    parameters: [...pathParams, ...queryParams, ...keyParam],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The whole document. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(REPLIES))
    schemas[name] = jsonSchema(schema, 'output');
  for (const [name, schema] of Object.entries(REQUESTS))
    schemas[name] = jsonSchema(schema, 'input');
  const responses: Record<string, unknown> = {};
  for (const [status, text] of Object.entries(ERROR_TEXT)) {
    responses[`Error${status}`] = {
      description: text,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorReply' } } },
    };
  }
  const header = (name: string, text: string) => ({
    type: 'apiKey',
    in: 'header',
    name,
    description: text,
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'kiosk24 platform API',
      version: 'v1',
      description:
        'The API between a kiosk24 terminal and the government service platform (or its province adapter). Generated from kiosk/core/platform/schemas*.ts by `npm run openapi-doc`; API.md explains the conventions. Display text in Chinese may carry an English gloss in a sibling field with the suffix `En`.',
    },
    servers: [{ url: '/' }],
    security: [{ kioskTimestamp: [], kioskNonce: [], kioskSignature: [] }],
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: {
        kioskTimestamp: header(
          TIMESTAMP_HEADER,
          'signing time in whole seconds since 1970 (UTC); refused when more than 5 minutes off',
        ),
        kioskNonce: header(
          NONCE_HEADER,
          '16-64 letters, digits, - or _; new for every request; refused when seen before',
        ),
        kioskSignature: header(
          SIGNATURE_HEADER,
          'lower-case hex HMAC-SHA256 under the kiosk key over METHOD, path with query, hex SHA-256 of the body, timestamp and nonce, joined by newlines',
        ),
      },
    },
  };
}

/** The document as committed: Prettier-formatted JSON. */
export async function renderOpenApi(root: string): Promise<string> {
  const path = join(root, OPENAPI_DOC);
  const options = await resolveConfig(path);
  return format(JSON.stringify(buildOpenApi()), { ...options, filepath: path });
}
