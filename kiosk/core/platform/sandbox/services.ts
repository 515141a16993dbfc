import { cardProfile } from '../../../../drivers/id-card/profiles.ts';
import { maskName } from '../../privacy/mask.ts';
import type { ApplicationProgress, QueueTicket } from '../schemas.ts';
import { ApiFailure } from './http.ts';

/**
 * Counter services of the sandbox hall: queue tickets, 好差评 ratings and a few seeded
 * applications whose progress a resident can look up.
 */

/** A service a ticket can be taken for or a rating given to. */
export interface HallService {
  id: string;
  name: string;
  /** Ticket letter called out in the hall. */
  letter: string;
  /** Last ticket number handed out before the sandbox started, and people still waiting. */
  startAfter: number;
  startWaiting: number;
}

/** The sandbox hall's services. */
export const HALL_SERVICES: readonly HallService[] = [
  { id: 'si-certificate', name: '社保缴费证明', letter: 'A', startAfter: 22, startWaiting: 3 },
  { id: 'hpf-certificate', name: '公积金缴存证明', letter: 'B', startAfter: 7, startWaiting: 1 },
  { id: 'application-progress', name: '办件进度查询', letter: 'C', startAfter: 0, startWaiting: 0 },
  { id: 'general', name: '综合受理窗口', letter: 'D', startAfter: 41, startWaiting: 5 },
];

function serviceOrFail(serviceId: string): HallService {
  const service = HALL_SERVICES.find((s) => s.id === serviceId);
  if (!service) {
    throw new ApiFailure(
      422,
      'unknown-service',
      `no service "${serviceId}" in this hall; use one of ${HALL_SERVICES.map((s) => s.id).join(', ')}`,
      'serviceId',
    );
  }
  return service;
}

/** Hands out numbered tickets per service. */
export class QueueDesk {
  readonly #state = new Map<string, { last: number; waiting: number }>();
  readonly #now: () => Date;

  constructor(options: { now: () => Date }) {
    this.#now = options.now;
    for (const s of HALL_SERVICES) {
      this.#state.set(s.id, { last: s.startAfter, waiting: s.startWaiting });
    }
  }

  /** Issues the next ticket; `waiting` counts the people ahead of it. */
  take(serviceId: string): QueueTicket {
    const service = serviceOrFail(serviceId);
    const state = this.#state.get(service.id) ?? { last: 0, waiting: 0 };
    // Three digits on the hall display, so numbers wrap 999 -> 001.
    state.last = (state.last % 999) + 1;
    const ticket: QueueTicket = {
      ticketNo: `${service.letter}${String(state.last).padStart(3, '0')}`,
      serviceId: service.id,
      serviceName: service.name,
      waiting: state.waiting,
      issuedAt: this.#now().toISOString(),
    };
    state.waiting += 1;
    this.#state.set(service.id, state);
    return ticket;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The seeded applications, dated relative to `now` so they always look recent. Applicants
 * come from the shared card profiles and are shown masked.
 */
export function seededApplications(now: Date): ApplicationProgress[] {
  const at = (daysAgo: number): string => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
  return [
    {
      applicationNo: 'SQ320100000123',
      title: '企业职工基本养老保险待遇申领',
      department: '南京市人力资源和社会保障局',
      applicant: maskName(cardProfile('resident-li').name),
      submittedAt: at(6),
      status: 'in-review',
      statusLabel: '审核中',
      steps: [
        { name: '申请提交', state: 'done', at: at(6) },
        { name: '窗口受理', state: 'done', at: at(5) },
        { name: '业务审核', state: 'current' },
        { name: '办结', state: 'pending' },
      ],
    },
    {
      applicationNo: 'SQ320100000456',
      title: '住房公积金提取（租房）',
      department: '南京住房公积金管理中心',
      applicant: maskName(cardProfile('resident-wang').name),
      submittedAt: at(3),
      status: 'approved',
      statusLabel: '已批准，待转账',
      steps: [
        { name: '申请提交', state: 'done', at: at(3) },
        { name: '审核', state: 'done', at: at(2) },
        { name: '资金划转', state: 'current' },
      ],
    },
    {
      applicationNo: 'SQ320500000789',
      title: '新生儿出生“一件事”',
      department: '苏州市政务服务管理办公室',
      applicant: maskName(cardProfile('permit-huang').name),
      submittedAt: at(20),
      status: 'completed',
      statusLabel: '已办结',
      steps: [
        { name: '申请提交', state: 'done', at: at(20) },
        { name: '联办审核', state: 'done', at: at(17) },
        { name: '证照寄递', state: 'done', at: at(14) },
      ],
    },
  ];
}
