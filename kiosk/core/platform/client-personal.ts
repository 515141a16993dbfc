import type { CallOptions } from './client-base.ts';
import { HallClient } from './client-hall.ts';
import {
  applicationReceiptSchema,
  bundleSchema,
  licenceListSchema,
  materialsHeldSchema,
  realEstateRecordSchema,
  type ApplicationReceipt,
  type Bundle,
  type LicenceList,
  type MaterialsHeld,
  type RealEstateRecord,
} from './schemas-services.ts';

/** A record's period: the last `months` months, or the months `from`-`to` (`YYYY-MM`). */
export type PeriodOptions =
  { months?: number; from?: never; to?: never } | { months?: never; from: string; to: string };

/** The query string of a period, empty for the platform's default (12 months). */
export function periodQuery(period: { months?: number; from?: string; to?: string }): string {
  if (period.from !== undefined && period.to !== undefined) {
    return `?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
  }
  return period.months === undefined ? '' : `?months=${period.months}`;
}

/** What `submitApplication` takes; `idempotencyKey` travels as the `Idempotency-Key` header. */
export interface ApplicationSubmission {
  bundleId: string;
  items: string[];
  fields: Record<string, string>;
  residentRef: string;
  /**
   * Journalled before the first attempt and sent on every retry. A kiosk application number
   * (`KS` + YYYYMMDD + 8 digits) becomes the application's number.
   */
  idempotencyKey: string;
}

const byRef = (residentRef: string): string => `residentRef=${encodeURIComponent(residentRef)}`;

/**
 * Operations about one resident, named by residentRef (e-licences, real estate, materials
 * already held), and "one thing done" bundles and their applications.
 */
export class PersonalClient extends HallClient {
  /** The resident's e-licences (电子证照), numbers masked. */
  async licences(residentRef: string, options: CallOptions = {}): Promise<LicenceList['licences']> {
    const reply = await this.get(
      'licence.list',
      `api/v1/licences?${byRef(residentRef)}`,
      licenceListSchema,
      options,
    );
    return reply.licences;
  }

  /** The real estate registered to the resident (不动产登记信息查询). */
  realEstate(residentRef: string, options: CallOptions = {}): Promise<RealEstateRecord> {
    return this.get(
      'realEstate.query',
      `api/v1/records/real-estate?${byRef(residentRef)}`,
      realEstateRecordSchema,
      options,
    );
  }

  /** A bundle's definition: items, shared fields, materials. */
  bundle(bundleId: string, options: CallOptions = {}): Promise<Bundle> {
    return this.get(
      'application.bundle',
      `api/v1/bundles/${encodeURIComponent(bundleId)}`,
      bundleSchema,
      options,
    );
  }

  /** What the platform already holds among a bundle's materials for this resident (免证办). */
  materialsHeld(
    residentRef: string,
    bundleId: string,
    options: CallOptions = {},
  ): Promise<MaterialsHeld> {
    return this.get(
      'application.materialsHeld',
      `api/v1/materials/held?${byRef(residentRef)}&bundle=${encodeURIComponent(bundleId)}`,
      materialsHeldSchema,
      options,
    );
  }

  /**
   * Submits a bundle application. The key makes it safe to send again (the outbox does, after a
   * crash or an outage): the platform stores it once and returns the same receipt.
   */
  submitApplication(
    application: ApplicationSubmission,
    options: CallOptions = {},
  ): Promise<ApplicationReceipt> {
    const { idempotencyKey, ...fields } = application;
    return this.call({
      operation: 'application.submit',
      method: 'POST',
      path: 'api/v1/applications',
      body: { ...fields, kioskId: this.kioskId },
      idempotencyKey,
      reply: applicationReceiptSchema,
      retryOnce: true,
      signal: options.signal,
    });
  }
}
