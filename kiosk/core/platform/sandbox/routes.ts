import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { maskIdNumber } from '../../privacy/mask.ts';
import {
  certificateIssueRequestSchema,
  certificateRevokeRequestSchema,
  identityVerifyRequestSchema,
  queueTicketRequestSchema,
  type IssuedCertificate,
} from '../schemas.ts';
import type { CertificateRegistry } from './certificates.ts';
import { faultSettingsSchema, type SandboxFaults } from './faults.ts';
import { ApiFailure, parseBody, readBody, validate } from './http.ts';
import { housingFundRecord, socialInsuranceRecord } from './records.ts';
import { residentOrFail, type Resident, type ResidentDirectory } from './residents.ts';
import type { ApplicationDesk } from './applications.ts';
import { monthsBetween, parseMonth, type Period } from './calendar.ts';
import { certificateSubject } from './certificate-subject.ts';
import type { AppointmentBook, QueueDesk } from './services.ts';
import { renderVerifyPage } from './verify-page.ts';

/** Everything the handlers of one sandbox instance share. */
export interface SandboxState {
  residents: ResidentDirectory;
  certificates: CertificateRegistry;
  queue: QueueDesk;
  appointments: AppointmentBook;
  applications: ApplicationDesk;
  faults: SandboxFaults;
  now: () => Date;
  /** Base of the verification links printed on certificates. */
  publicBaseUrl: () => string;
  log: Logger;
}

/** What a handler hands back: JSON, or HTML for the public verification page. */
export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; html: string };

/** One endpoint. */
export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path pattern with `:name` segments; also the name used in logs, so no values leak. */
  pattern: string;
  /** Control endpoints are exempt from injected faults, or a fault could never be cleared. */
  control?: boolean;
  handle: (
    request: IncomingMessage,
    params: Record<string, string>,
    url: URL,
  ) => Reply | Promise<Reply>;
}

/** Longest period a record covers: three years, what a certificate may attest. */
export const MAX_PERIOD_MONTHS = 36;
const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');
const periodQuerySchema = z
  .object({
    months: z.coerce
      .number()
      .int('must be a whole number')
      .min(1)
      .max(MAX_PERIOD_MONTHS)
      .optional(),
    from: monthText.optional(),
    to: monthText.optional(),
  })
  .superRefine((q, ctx) => {
    const range = q.from !== undefined || q.to !== undefined;
    if (range && q.months !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['months'],
        message: 'cannot be combined with from/to',
      });
    } else if (range && (q.from === undefined || q.to === undefined)) {
      const missing = q.from === undefined ? 'from' : 'to';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required with a range' });
    } else if (q.from !== undefined && q.to !== undefined) {
      const span = monthsBetween(parseMonth(q.from), parseMonth(q.to)) + 1;
      if (span < 1)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
      if (span > MAX_PERIOD_MONTHS) {
        ctx.addIssue({
          code: 'custom',
          path: ['from'],
          message: `must be at most ${MAX_PERIOD_MONTHS} months before to`,
        });
      }
    }
  });

/** The period a record query asks for: `months=N` (default 12) or `from=YYYY-MM&to=YYYY-MM`. */
export function periodOf(url: URL): Period {
  const q = validate(Object.fromEntries(url.searchParams), periodQuerySchema);
  if (q.from !== undefined && q.to !== undefined) {
    return { from: parseMonth(q.from), to: parseMonth(q.to) };
  }
  return q.months ?? 12;
}

/** Builds the endpoint table of API v1 plus the public check and the sandbox controls. */
export function sandboxRoutes(state: SandboxState): Route[] {
  const resident = (ref: string): Resident => residentOrFail(state.residents, ref);
  const noRecord = (what: string): ApiFailure =>
    new ApiFailure(404, 'no-record', `the platform holds no ${what} for this resident`);

  return [
    {
      method: 'GET',
      pattern: '/health',
      handle: () => ({
        status: 200,
        json: { status: 'ok', apiVersion: 'v1', time: state.now().toISOString() },
      }),
    },
    {
      method: 'POST',
      pattern: '/api/v1/identity/verify',
      handle: async (request) => {
        const body = parseBody(await readBody(request), identityVerifyRequestSchema);
        const result = state.residents.verify(body);
        state.log.debug(
          { idNumber: maskIdNumber(body.idNumber), cardType: body.cardType, ok: result.verified },
          'identity check',
        );
        return { status: 200, json: result };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/residents/:residentRef/social-insurance/payment-record',
      handle: (_request, params, url) => {
        const period = periodOf(url);
        const record = socialInsuranceRecord(
          resident(params.residentRef ?? ''),
          state.now(),
          period,
        );
        if (!record) throw noRecord('social-insurance record');
        return { status: 200, json: record };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/residents/:residentRef/housing-fund/deposit-record',
      handle: (_request, params, url) => {
        const period = periodOf(url);
        const record = housingFundRecord(resident(params.residentRef ?? ''), state.now(), period);
        if (!record) throw noRecord('housing provident fund account');
        return { status: 200, json: record };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/certificates',
      handle: async (request) => {
        const body = parseBody(await readBody(request), certificateIssueRequestSchema);
        const subject = certificateSubject(body, state);
        const { entry, replayed } = state.certificates.issue({ ...body, ...subject });
        const json: IssuedCertificate = {
          certificateNo: entry.certificateNo,
          verificationCode: entry.verificationCode,
          verifyUrl: `${state.publicBaseUrl()}/verify/${entry.verificationCode}`,
          issuedAt: entry.issuedAt.toISOString(),
        };
        return {
          status: replayed ? 200 : 201,
          json,
          headers: { 'idempotent-replayed': String(replayed) },
        };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/certificates/:code/revoke',
      handle: async (request, params) => {
        parseBody(await readBody(request), certificateRevokeRequestSchema);
        const entry = state.certificates.revoke(params.code ?? '');
        if (!entry?.revokedAt) {
          throw new ApiFailure(
            404,
            'certificate-unknown',
            'no certificate has this verification code; check the code printed on the paper',
          );
        }
        return {
          status: 200,
          json: {
            verificationCode: entry.verificationCode,
            status: 'revoked',
            revokedAt: entry.revokedAt.toISOString(),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/verify/:code',
      handle: (request, params) => {
        const check = state.certificates.check(params.code ?? '');
        const wantsHtml = (request.headers.accept ?? '').includes('text/html');
        return wantsHtml
          ? { status: 200, html: renderVerifyPage(check) }
          : { status: 200, json: check };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/queue/tickets',
      handle: async (request) => {
        const body = parseBody(await readBody(request), queueTicketRequestSchema);
        return { status: 201, json: state.queue.take(body.serviceId, body.hallId) };
      },
    },
    ...[
      '/api/v1/applications/:applicationNo',
      '/api/v1/applications/:applicationNo/progress',
      // The public page the progress QR on a receipt opens; the applicant is masked anyway.
      '/progress/:applicationNo',
    ].map((pattern): Route => ({
      method: 'GET',
      pattern,
      handle: (_request, params) => {
        const found = state.applications.find(params.applicationNo ?? '');
        if (!found) {
          throw new ApiFailure(
            404,
            'application-unknown',
            'no application has this number; check the number on the acceptance slip',
          );
        }
        return { status: 200, json: found };
      },
    })),
    {
      method: 'GET',
      pattern: '/sandbox/faults',
      control: true,
      handle: () => ({ status: 200, json: state.faults.state }),
    },
    {
      method: 'POST',
      pattern: '/sandbox/faults',
      control: true,
      handle: async (request) => {
        state.faults.set(parseBody(await readBody(request), faultSettingsSchema));
        return { status: 200, json: state.faults.state };
      },
    },
    {
      method: 'DELETE',
      pattern: '/sandbox/faults',
      control: true,
      handle: () => {
        state.faults.clear();
        return { status: 200, json: state.faults.state };
      },
    },
  ];
}

/** Matches a path against a pattern, returning the decoded `:name` segments. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        // A broken percent-escape cannot name anything we hold, so the route simply does not match.
        return undefined;
      }
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}
