import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProfile } from '../../../drivers/id-card/profiles.ts';
import { PlatformClient } from './client.ts';
import { OPENAPI_DOC, renderOpenApi } from './openapi-build.ts';
import { ENTERPRISES } from './sandbox/enterprises.ts';
import { startSandboxPlatform, type SandboxPlatform } from './sandbox/index.ts';
import { signedFetch } from './testing.ts';

/**
 * The sandbox against the OpenAPI document: every operation in the document is called, and every
 * status and reply body is checked against what the document says, with Ajv (JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1). A route the document lacks, or an operation the sandbox does not
 * serve, fails the test.
 */

const root = resolve(import.meta.dirname, '../../..');
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        security?: unknown[];
        responses: Record<
          string,
          { $ref?: string; content?: Record<string, { schema: { $ref: string } }> }
        >;
      }
    >
  >;
  components: {
    responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
  };
};
const doc = JSON.parse(readFileSync(join(root, OPENAPI_DOC), 'utf8')) as Doc;

let sandbox: SandboxPlatform;
let client: PlatformClient;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(doc, 'openapi');

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
  client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-openapi-1' });
});
afterAll(() => sandbox.close());

async function refOf(profileId: string): Promise<string> {
  const p = cardProfile(profileId);
  const v = await client.verifyIdentity({
    idNumber: p.idNumber,
    name: p.name,
    cardType: p.cardType,
  });
  if (!v.verified) throw new Error(`${profileId} not verified`);
  return v.residentRef;
}

interface Case {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
}

const creditCode = [...ENTERPRISES.keys()][0] ?? '';
let counter = 0;
const key = (): string => `openapi-key-${Date.now()}-${++counter}`;

/** Requests for each operation: a success and, where cheap, the documented refusals. */
const CASES: Record<string, () => Case[] | Promise<Case[]>> = {
  health: () => [{ path: '/health', status: 200 }],
  identityVerify: () => {
    const w = cardProfile('resident-wang');
    return [
      {
        path: '/api/v1/identity/verify',
        body: { idNumber: w.idNumber, name: w.name, cardType: 'resident' },
        status: 200,
      },
      { path: '/api/v1/identity/verify', body: { idNumber: w.idNumber }, status: 400 },
    ];
  },
  identityResolveCode: () => [
    {
      path: '/api/v1/identity/resolve-code',
      body: { code: 'not a code', kioskId: 'k' },
      status: 200,
    },
    { path: '/api/v1/identity/resolve-code', body: { code: '', kioskId: 'k' }, status: 400 },
  ],
  siPaymentRecord: async () => {
    const ref = await refOf('resident-wang');
    const sun = await refOf('resident-sun-no-record');
    const base = (r: string) => `/api/v1/residents/${r}/social-insurance/payment-record`;
    return [
      { path: `${base(ref)}?months=6`, status: 200 },
      { path: `${base(ref)}?from=2024-01&to=2024-06`, status: 200 },
      { path: `${base(ref)}?months=99`, status: 400 },
      { path: base('rr_expired_reference'), status: 401 },
      { path: base(sun), status: 404 },
    ];
  },
  hpfDepositRecord: async () => [
    {
      path: `/api/v1/residents/${await refOf('resident-li')}/housing-fund/deposit-record?months=24`,
      status: 200,
    },
  ],
  realEstateRecord: async () => [
    {
      path: `/api/v1/records/real-estate?residentRef=${await refOf('resident-wang')}`,
      status: 200,
    },
    { path: '/api/v1/records/real-estate', status: 400 },
  ],
  certificateIssue: async () => {
    const ref = await refOf('resident-wang');
    const requestId = `req-${key()}`;
    const body = { kind: 'si-payment', residentRef: ref, kioskId: 'k', requestId };
    return [
      { path: '/api/v1/certificates', body, status: 201 },
      { path: '/api/v1/certificates', body, status: 200 },
      { path: '/api/v1/certificates', body: { ...body, kind: 'hpf-deposit' }, status: 409 },
      {
        path: '/api/v1/certificates',
        body: { kind: 'credit-record', creditCode, kioskId: 'k', requestId: `req-${key()}` },
        status: 201,
      },
      {
        path: '/api/v1/certificates',
        body: { kind: 'licence-copy', residentRef: ref, kioskId: 'k', requestId: `req-${key()}` },
        status: 400,
      },
    ];
  },
  certificateRevoke: async () => {
    const issued = await client.issueCertificate({
      kind: 'si-payment',
      residentRef: await refOf('resident-li'),
    });
    return [
      {
        path: `/api/v1/certificates/${issued.verificationCode}/revoke`,
        body: { kioskId: 'k' },
        status: 200,
      },
      { path: '/api/v1/certificates/ABCDEFGH23456789/revoke', body: { kioskId: 'k' }, status: 404 },
    ];
  },
  certificateVerify: () => [{ path: '/verify/ABCDEFGH23456789', status: 200 }],
  ratingSubmit: () => {
    const k = key();
    const body = { serviceId: 'general', score: 5, kioskId: 'k', sessionRef: `s-${k}` };
    return [
      { path: '/api/v1/ratings', body, headers: { 'idempotency-key': k }, status: 201 },
      { path: '/api/v1/ratings', body, headers: { 'idempotency-key': k }, status: 200 },
      { path: '/api/v1/ratings', body: { ...body, serviceId: 'no-such-service' }, status: 422 },
    ];
  },
  guideList: () => [{ path: '/api/v1/guides', status: 200 }],
  guideGet: () => [
    { path: '/api/v1/guides/newborn-bundle', status: 200 },
    { path: '/api/v1/guides/nothing', status: 404 },
  ],
  hallList: () => [{ path: '/api/v1/halls', status: 200 }],
  hallBusinessTypes: () => [
    { path: '/api/v1/halls/nj-city/business-types', status: 200 },
    { path: '/api/v1/halls/nowhere/business-types', status: 404 },
  ],
  queueTicket: () => [
    { path: '/api/v1/queue/tickets', body: { serviceId: 'general', kioskId: 'k' }, status: 201 },
    {
      path: '/api/v1/queue/tickets',
      body: { serviceId: 'tax', hallId: 'nj-gulou', kioskId: 'k' },
      status: 422,
    },
  ],
  appointmentCheckIn: async () => [
    {
      path: '/api/v1/appointments/check-in',
      body: { residentRef: await refOf('foreign-smith'), kioskId: 'k' },
      status: 201,
    },
    {
      path: '/api/v1/appointments/check-in',
      body: { residentRef: await refOf('resident-li'), kioskId: 'k' },
      status: 404,
    },
  ],
  bundleGet: () => [
    { path: '/api/v1/bundles/newborn', status: 200 },
    { path: '/api/v1/bundles/retirement', status: 200 },
    { path: '/api/v1/bundles/none', status: 404 },
  ],
  materialsHeld: async () => [
    {
      path: `/api/v1/materials/held?residentRef=${await refOf('resident-wang')}&bundle=newborn`,
      status: 200,
    },
  ],
  applicationSubmit: async () => {
    const body = {
      bundleId: 'retirement',
      items: ['medical-retiree'],
      fields: { retireDate: '2025-07-01' },
      residentRef: await refOf('resident-li'),
      kioskId: 'k',
    };
    return [
      {
        path: '/api/v1/applications',
        body,
        headers: { 'idempotency-key': 'KS2025070100000001' },
        status: 201,
      },
      { path: '/api/v1/applications', body, status: 400 },
    ];
  },
  applicationGet: () => [{ path: '/api/v1/applications/SQ320100000123', status: 200 }],
  applicationProgress: () => [
    { path: '/api/v1/applications/SQ320100000456/progress', status: 200 },
    { path: '/api/v1/applications/SQ000000000000/progress', status: 404 },
  ],
  applicationProgressPublic: () => [{ path: '/progress/SQ320500000789', status: 200 }],
  licenceList: async () => [
    { path: `/api/v1/licences?residentRef=${await refOf('permit-huang')}`, status: 200 },
  ],
  enterpriseCreditRecord: () => [
    { path: `/api/v1/enterprises/${creditCode}/credit-record`, status: 200 },
    {
      path: `/api/v1/enterprises/${creditCode.slice(0, 17)}${creditCode.endsWith('0') ? '1' : '0'}/credit-record`,
      status: 400,
    },
    { path: '/api/v1/enterprises/91350100M000100Y43/credit-record', status: 404 },
  ],
  helpRequestCreate: () => {
    const body = { kioskId: 'kiosk-openapi-1', screen: 'insert-card', reason: 'resident-asked' };
    const keyed = key();
    return [
      { path: '/api/v1/help-requests', body, headers: { 'idempotency-key': keyed }, status: 201 },
      { path: '/api/v1/help-requests', body, headers: { 'idempotency-key': keyed }, status: 200 },
      { path: '/api/v1/help-requests', body: { ...body, name: 'x' }, status: 400 },
    ];
  },
};

/** The component a response of an operation points to, or undefined when the status is not documented. */
function schemaRefOf(
  response: Doc['paths'][string][string]['responses'][string] | undefined,
): string | undefined {
  if (!response) return undefined;
  const viaResponse = response.$ref
    ? doc.components.responses[response.$ref.split('/').pop() ?? '']
    : response;
  return viaResponse?.content?.['application/json']?.schema.$ref;
}

const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
);

describe('the OpenAPI document', () => {
  it('is what npm run openapi-doc writes from the schemas', async () => {
    expect(readFileSync(join(root, OPENAPI_DOC), 'utf8')).toBe(await renderOpenApi(root));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((api as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('describes every endpoint the sandbox serves outside its /sandbox controls', () => {
    const documented = new Set(
      operations.map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = sandbox.endpoints
      .filter((e) => !e.pattern.startsWith('/sandbox/'))
      .map((e) => `${e.method} ${e.pattern}`);
    expect(served.filter((e) => !documented.has(e))).toEqual([]);
  });
});

describe('the sandbox against the document', () => {
  for (const { path, method, op } of operations) {
    it(`${method} ${path} (${op.operationId}) answers as documented`, async () => {
      const unsigned = Array.isArray(op.security) && op.security.length === 0;
      const cases = CASES[op.operationId];
      expect(cases, `no cases for ${op.operationId}`).toBeDefined();
      for (const c of (await cases?.()) ?? []) {
        const init: RequestInit = {
          method,
          headers: {
            ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...c.headers,
          },
          ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
        };
        const url = `${sandbox.baseUrl}${c.path}`;
        const reply = unsigned ? await fetch(url, init) : await signedFetch(url, init);
        const body: unknown = await reply.json();
        const where = `${method} ${c.path}`;
        expect(reply.status, `${where}: ${JSON.stringify(body)}`).toBe(c.status);
        const ref = schemaRefOf(op.responses[String(reply.status)]);
        expect(ref, `${where}: status ${reply.status} is not documented`).toBeDefined();
        const validate = ajv.getSchema(`openapi${ref}`);
        if (!validate) throw new Error(`${where}: cannot compile ${ref}`);
        expect(validate(body), `${where}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    });
  }

  it('has cases only for documented operations', () => {
    const ids = new Set(operations.map((o) => o.op.operationId));
    expect(Object.keys(CASES).filter((id) => !ids.has(id))).toEqual([]);
  });
});
