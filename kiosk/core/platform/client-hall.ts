import { PlatformTransport, type CallOptions } from './client-base.ts';
import { queueTicketSchema, type QueueTicket } from './schemas.ts';
import {
  creditRecordSchema,
  guideListSchema,
  guideSchema,
  hallListSchema,
  hallQueuesSchema,
  type CreditRecord,
  type Guide,
  type GuideSummary,
  type Hall,
  type HallQueues,
} from './schemas-services.ts';

/**
 * Operations that need no identity: the catalogue of guides, the service halls and their
 * queues, appointment check-in and enterprise credit records.
 */
export class HallClient extends PlatformTransport {
  /** Every guide in the catalogue (办事指南), as summaries. */
  async guides(options: CallOptions = {}): Promise<GuideSummary[]> {
    const reply = await this.get('guide.list', 'api/v1/guides', guideListSchema, options);
    return reply.guides;
  }

  /** One whole guide: conditions, materials, steps, time limit, fee and legal basis. */
  guide(guideId: string, options: CallOptions = {}): Promise<Guide> {
    return this.get(
      'guide.get',
      `api/v1/guides/${encodeURIComponent(guideId)}`,
      guideSchema,
      options,
    );
  }

  /** The service halls, in the platform's order (the kiosk sorts them by distance). */
  async halls(options: CallOptions = {}): Promise<Hall[]> {
    const reply = await this.get('hall.list', 'api/v1/halls', hallListSchema, options);
    return reply.halls;
  }

  /** A hall's business types with the people waiting and the expected wait of each. */
  hallQueues(hallId: string, options: CallOptions = {}): Promise<HallQueues> {
    return this.get(
      'queue.businessTypes',
      `api/v1/halls/${encodeURIComponent(hallId)}/business-types`,
      hallQueuesSchema,
      options,
    );
  }

  /**
   * Checks in a booked appointment: the reply is the ticket. Retried once, as a second check-in
   * returns the first ticket. No booking is `notFound` (code `no-appointment`).
   */
  checkInAppointment(
    request: { residentRef: string; hallId?: string },
    options: CallOptions = {},
  ): Promise<QueueTicket> {
    return this.call({
      operation: 'appointment.checkIn',
      method: 'POST',
      path: 'api/v1/appointments/check-in',
      body: { residentRef: request.residentRef, hallId: request.hallId, kioskId: this.kioskId },
      reply: queueTicketSchema,
      retryOnce: true,
      signal: options.signal,
    });
  }

  /**
   * An enterprise's public credit record. A code with a wrong GB 32100 check character is
   * `rejected` (code `invalid-field`); an unknown enterprise `notFound`.
   */
  creditRecord(creditCode: string, options: CallOptions = {}): Promise<CreditRecord> {
    return this.get(
      'enterprise.creditRecord',
      `api/v1/enterprises/${encodeURIComponent(creditCode)}/credit-record`,
      creditRecordSchema,
      options,
    );
  }
}
