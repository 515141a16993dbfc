import { z } from 'zod';
import { checkInRequestSchema, creditCodeSchema } from '../schemas-services.ts';
import { enterpriseUnknown } from './certificate-subject.ts';
import { creditRecordOf } from './enterprises.ts';
import { GUIDES } from './guides-data.ts';
import { HALLS, hallQueues } from './halls.ts';
import { ApiFailure, parseBody, readBody, validate } from './http.ts';
import { residentOrFail } from './residents.ts';
import type { Route, SandboxState } from './routes.ts';

/**
 * Endpoints that need no identity (guides, halls, queues, enterprise credit records) and the
 * appointment check-in, which turns a booking into a ticket.
 */
export function hallRoutes(state: SandboxState): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/guides',
      handle: () => ({
        status: 200,
        json: {
          guides: GUIDES.map((g) => ({
            id: g.id,
            name: g.name,
            nameEn: g.nameEn,
            department: g.department,
            departmentEn: g.departmentEn,
            lifeEvents: g.lifeEvents,
            audience: g.audience,
            channel: g.channel,
            keywords: g.keywords,
          })),
        },
      }),
    },
    {
      method: 'GET',
      pattern: '/api/v1/guides/:guideId',
      handle: (_request, params) => {
        const guide = GUIDES.find((g) => g.id === params.guideId);
        if (!guide) {
          throw new ApiFailure(
            404,
            'guide-unknown',
            'no guide has this id; list them with GET /api/v1/guides',
          );
        }
        return { status: 200, json: guide };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/halls',
      handle: () => ({ status: 200, json: { halls: HALLS } }),
    },
    {
      method: 'GET',
      pattern: '/api/v1/halls/:hallId/business-types',
      handle: (_request, params) => {
        const hall = HALLS.find((h) => h.id === params.hallId);
        if (!hall) {
          throw new ApiFailure(
            404,
            'hall-unknown',
            'no hall has this id; list them with GET /api/v1/halls',
          );
        }
        return {
          status: 200,
          json: hallQueues(hall, (typeId) => state.queue.waiting(hall.id, typeId)),
        };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/appointments/check-in',
      handle: async (request) => {
        const body = parseBody(await readBody(request), checkInRequestSchema);
        const resident = residentOrFail(state.residents, body.residentRef);
        const result = state.appointments.checkIn(resident.profile.id, body.hallId);
        if (!result) {
          throw new ApiFailure(
            404,
            'no-appointment',
            'this resident has no booked appointment here today; take a ticket instead',
          );
        }
        return {
          status: result.repeated ? 200 : 201,
          json: result.ticket,
          headers: { 'idempotent-replayed': String(result.repeated) },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/enterprises/:creditCode/credit-record',
      handle: (_request, params) => {
        const { creditCode } = validate(
          { creditCode: params.creditCode ?? '' },
          z.object({ creditCode: creditCodeSchema }),
        );
        const record = creditRecordOf(creditCode, state.now());
        if (!record) throw enterpriseUnknown();
        return { status: 200, json: record };
      },
    },
  ];
}
