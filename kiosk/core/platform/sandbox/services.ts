import type { QueueTicket } from '../schemas.ts';
import { ApiFailure } from './http.ts';
import {
  BUSINESS_TYPES,
  DEFAULT_HALL_ID,
  HALLS,
  hallBusinessType,
  startingQueue,
  type HallBusinessType,
} from './halls.ts';

/**
 * Counter services of the sandbox halls: numbered queue tickets per hall and business type,
 * and the booked appointments a resident checks in with their ID card.
 */

/** Services ratings are accepted for besides the kiosk's flows: every hall business type. */
export const HALL_SERVICES: readonly { id: string; name: string }[] = BUSINESS_TYPES;

/** Largest ticket number on a hall display; numbers wrap from it back to 001. */
const TICKET_NUMBER_WRAP = 999;

/** Hands out numbered tickets per hall and business type. */
export class QueueDesk {
  readonly #state = new Map<string, { last: number; waiting: number }>();
  readonly #now: () => Date;

  constructor(options: { now: () => Date }) {
    this.#now = options.now;
  }

  /** People waiting now for a business type in a hall. */
  waiting(hallId: string, typeId: string): number {
    return this.#queue(hallId, typeId).waiting;
  }

  /** Issues the next ticket; `peopleAhead` counts the people before it. */
  take(serviceId: string, hallId: string = DEFAULT_HALL_ID): QueueTicket {
    const hall = HALLS.find((h) => h.id === hallId);
    if (!hall) {
      throw new ApiFailure(
        422,
        'unknown-hall',
        `no hall "${hallId}"; use one of ${HALLS.map((h) => h.id).join(', ')}`,
        'hallId',
      );
    }
    const type = hallBusinessType(hall.id, serviceId);
    if (!type) {
      throw new ApiFailure(
        422,
        'unknown-service',
        `hall "${hall.id}" has no business type "${serviceId}"; use one of ${hall.businessTypes.map((t) => t.id).join(', ')}`,
        'serviceId',
      );
    }
    return this.#issue(hall.id, hall.name, type, hall.nameEn);
  }

  #queue(hallId: string, typeId: string): { last: number; waiting: number } {
    const key = `${hallId}/${typeId}`;
    let state = this.#state.get(key);
    if (!state) {
      state = startingQueue(hallId, typeId);
      this.#state.set(key, state);
    }
    return state;
  }

  #issue(
    hallId: string,
    hallName: string,
    type: HallBusinessType,
    hallNameEn?: string,
  ): QueueTicket {
    const state = this.#queue(hallId, type.id);
    state.last = (state.last % TICKET_NUMBER_WRAP) + 1;
    const ticket: QueueTicket = {
      ticketNo: `${type.letter}${String(state.last).padStart(3, '0')}`,
      serviceId: type.id,
      serviceName: type.name,
      ...(type.nameEn ? { serviceNameEn: type.nameEn } : {}),
      hallId,
      hallName,
      ...(hallNameEn ? { hallNameEn } : {}),
      waiting: state.waiting,
      peopleAhead: state.waiting,
      expectedWaitMinutes: state.waiting * type.minutesEach,
      issuedAt: this.#now().toISOString(),
    };
    state.waiting += 1;
    return ticket;
  }
}

/** A booked appointment: a resident's profile id, the hall and the business type. */
interface Appointment {
  profileId: string;
  hallId: string;
  serviceId: string;
}

/** The seeded bookings; other residents have none, so the "no appointment" path is real. */
const APPOINTMENTS: readonly Appointment[] = [
  { profileId: 'resident-wang', hallId: 'nj-city', serviceId: 'real-estate' },
  { profileId: 'foreign-smith', hallId: 'nj-gulou', serviceId: 'general' },
  { profileId: 'permit-huang', hallId: 'nj-city', serviceId: 'household' },
];

/** Turns booked appointments into tickets; a second check-in returns the first ticket. */
export class AppointmentBook {
  readonly #checkedIn = new Map<string, QueueTicket>();
  readonly #queue: QueueDesk;

  constructor(queue: QueueDesk) {
    this.#queue = queue;
  }

  /** The ticket for a resident's booking (at `hallId` when given), or undefined when none. */
  checkIn(
    profileId: string,
    hallId?: string,
  ): { ticket: QueueTicket; repeated: boolean } | undefined {
    const booking = APPOINTMENTS.find(
      (a) => a.profileId === profileId && (hallId === undefined || a.hallId === hallId),
    );
    if (!booking) return undefined;
    const key = `${booking.profileId}/${booking.hallId}`;
    const earlier = this.#checkedIn.get(key);
    if (earlier) return { ticket: earlier, repeated: true };
    const ticket = this.#queue.take(booking.serviceId, booking.hallId);
    this.#checkedIn.set(key, ticket);
    return { ticket, repeated: false };
  }
}
