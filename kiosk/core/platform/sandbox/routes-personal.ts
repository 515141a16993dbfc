import { z } from 'zod';
import { applicationRequestSchema, type ApplicationReceipt } from '../schemas-services.ts';
import { bundleOrFail, materialsHeld } from './applications.ts';
import { ApiFailure, parseBody, readBody, validate } from './http.ts';
import { licencesOf, propertiesOf } from './licences.ts';
import { idempotencyKeyOf } from './ratings.ts';
import { residentOrFail, type Resident } from './residents.ts';
import type { Route, SandboxState } from './routes.ts';
import { idempotencyKeySchema } from '../schemas.ts';

/**
 * Endpoints about one resident, named by `?residentRef=` (e-licences, real estate, materials
 * already held), and the bundle definitions and submissions of "one thing done" applications.
 */

const refQuery = z.object({ residentRef: z.string().min(8).max(128) });

export function personalRoutes(state: SandboxState): Route[] {
  const residentOf = (url: URL): Resident =>
    residentOrFail(
      state.residents,
      validate(Object.fromEntries(url.searchParams), refQuery).residentRef,
    );
  return [
    {
      method: 'GET',
      pattern: '/api/v1/licences',
      handle: (_request, _params, url) => ({
        status: 200,
        json: { licences: licencesOf(residentOf(url), state.now()) },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/v1/records/real-estate',
      handle: (_request, _params, url) => {
        const resident = residentOf(url);
        if (!resident.hasRecords) {
          throw new ApiFailure(
            404,
            'no-record',
            'the platform holds no real-estate record for this resident',
          );
        }
        return {
          status: 200,
          json: { properties: propertiesOf(resident), asOf: state.now().toISOString() },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/bundles/:bundleId',
      handle: (_request, params) => ({ status: 200, json: bundleOrFail(params.bundleId ?? '') }),
    },
    {
      method: 'GET',
      pattern: '/api/v1/materials/held',
      handle: (_request, _params, url) => {
        const { bundle } = validate(
          { bundle: url.searchParams.get('bundle') ?? undefined },
          z.object({ bundle: z.string().min(1, 'must name a bundle') }),
        );
        const found = bundleOrFail(bundle);
        return { status: 200, json: materialsHeld(found, residentOf(url), state.now()) };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/applications',
      handle: async (request) => {
        const key = idempotencyKeyOf(request);
        if (key === undefined || !idempotencyKeySchema.safeParse(key).success) {
          throw new ApiFailure(
            400,
            'invalid-idempotency-key',
            'an application needs header Idempotency-Key: 8-128 letters, digits, dots, colons, dashes or underscores (a kiosk application number such as KS2026120112345678, or a UUID)',
            'Idempotency-Key',
          );
        }
        const body = parseBody(await readBody(request), applicationRequestSchema);
        const resident = residentOrFail(state.residents, body.residentRef);
        const { progress, replayed } = state.applications.submit(body, resident, key);
        const json: ApplicationReceipt = {
          applicationNo: progress.applicationNo,
          progressUrl: `${state.publicBaseUrl()}/progress/${progress.applicationNo}`,
          submittedAt: progress.submittedAt,
        };
        return {
          status: replayed ? 200 : 201,
          json,
          headers: { 'idempotent-replayed': String(replayed) },
        };
      },
    },
  ];
}
