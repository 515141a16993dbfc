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
import type { Resident, ResidentDirectory } from './residents.ts';
import { seededApplications, type QueueDesk } from './services.ts';
import { renderVerifyPage } from './verify-page.ts';

/** Everything the handlers of one sandbox instance share. */
export interface SandboxState {
  residents: ResidentDirectory;
  certificates: CertificateRegistry;
  queue: QueueDesk;
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

const monthsQuerySchema = z.object({
  months: z.coerce.number().int('must be a whole number').min(1).max(36).default(12),
});

/** Builds the endpoint table of API v1 plus the public check and the sandbox controls. */
export function sandboxRoutes(state: SandboxState): Route[] {
  const residentOrFail = (ref: string): Resident => {
    const resident = state.residents.resolve(ref);
    if (!resident) {
      throw new ApiFailure(
        401,
        'resident-ref-expired',
        'residentRef is unknown or has expired; verify the identity card again',
      );
    }
    return resident;
  };
  const monthsOf = (url: URL): number =>
    validate(Object.fromEntries(url.searchParams), monthsQuerySchema).months;
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
        const months = monthsOf(url);
        const resident = residentOrFail(params.residentRef ?? '');
        const record = socialInsuranceRecord(resident, state.now(), months);
        if (!record) throw noRecord('social-insurance record');
        return { status: 200, json: record };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/residents/:residentRef/housing-fund/deposit-record',
      handle: (_request, params, url) => {
        const months = monthsOf(url);
        const resident = residentOrFail(params.residentRef ?? '');
        const record = housingFundRecord(resident, state.now(), months);
        if (!record) throw noRecord('housing provident fund account');
        return { status: 200, json: record };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v1/certificates',
      handle: async (request) => {
        const body = parseBody(await readBody(request), certificateIssueRequestSchema);
        const resident = residentOrFail(body.residentRef);
        const now = state.now();
        const record =
          body.kind === 'si-payment'
            ? socialInsuranceRecord(resident, now, 1)
            : housingFundRecord(resident, now, 1);
        if (!record) throw noRecord(`record a "${body.kind}" certificate could attest`);
        const { entry, replayed } = state.certificates.issue({ ...body, resident });
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
        return { status: 201, json: state.queue.take(body.serviceId) };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/applications/:applicationNo',
      handle: (_request, params) => {
        const wanted = (params.applicationNo ?? '').trim().toUpperCase();
        const found = seededApplications(state.now()).find((a) => a.applicationNo === wanted);
        if (!found) {
          throw new ApiFailure(
            404,
            'application-unknown',
            'no application has this number; check the number on the acceptance slip',
          );
        }
        return { status: 200, json: found };
      },
    },
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
