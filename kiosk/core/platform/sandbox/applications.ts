import { createHash } from 'node:crypto';
import { cardProfile } from '../../../../drivers/id-card/profiles.ts';
import { maskName } from '../../privacy/mask.ts';
import type { ApplicationProgress } from '../schemas.ts';
import {
  KIOSK_APPLICATION_NO,
  type ApplicationRequest,
  type Bundle,
  type MaterialsHeld,
} from '../schemas-services.ts';
import { BUNDLES } from './bundles-data.ts';
import { ApiFailure } from './http.ts';
import { licencesOf } from './licences.ts';
import type { Resident } from './residents.ts';

/**
 * Applications of the sandbox: the seeded ones a resident can look up, bundles submitted from a
 * kiosk (stored once per idempotency key), and the materials the platform already holds.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** A bundle by id, or a 404 naming the known ones. */
export function bundleOrFail(bundleId: string): Bundle {
  const bundle = BUNDLES.find((b) => b.id === bundleId);
  if (!bundle) {
    throw new ApiFailure(
      404,
      'bundle-unknown',
      `no bundle "${bundleId}"; the platform defines ${BUNDLES.map((b) => b.id).join(', ')}`,
    );
  }
  return bundle;
}

/** Licence kinds that stand in for a bundle material (免证办: the platform holds it). */
const HELD_BY_LICENCE: Record<string, string> = {
  'parent-id': 'id-card',
  'id-card': 'id-card',
  'household-register': 'household-register',
  'marriage-certificate': 'marriage',
};

/** What the platform holds for this person among a bundle's materials. */
export function materialsHeld(bundle: Bundle, resident: Resident, now: Date): MaterialsHeld {
  const kinds = new Set(licencesOf(resident, now).map((l) => l.kind));
  const held = bundle.materials
    .filter((m) => m.platformMayHold)
    .filter((m) => {
      const kind = HELD_BY_LICENCE[m.id];
      if (kind !== undefined) return kinds.has(kind as never);
      // Records the platform keeps itself: the employment file for anyone with records, a
      // birth certificate the hospital filed for a parent who has a marriage licence.
      if (m.id === 'employment-record') return resident.hasRecords;
      if (m.id === 'birth-certificate') return kinds.has('marriage') && resident.hasRecords;
      return false;
    })
    .map((m) => ({
      materialId: m.id,
      name: m.name,
      ...(m.nameEn ? { nameEn: m.nameEn } : {}),
      source: HELD_BY_LICENCE[m.id] ? '电子证照库' : '部门共享数据',
    }));
  return { bundleId: bundle.id, held };
}

interface Stored {
  fingerprint: string;
  progress: ApplicationProgress;
}

/** Kiosk submissions, once per idempotency key, plus the seeded applications. */
export class ApplicationDesk {
  readonly #byKey = new Map<string, Stored>();
  readonly #byNo = new Map<string, ApplicationProgress>();
  readonly #now: () => Date;
  #sequence = 0;

  constructor(options: { now: () => Date }) {
    this.#now = options.now;
  }

  /**
   * Stores a bundle application once per key. A key in the kiosk application number format is
   * used as the number; otherwise the platform mints one. The same key with another body is a
   * client bug: 409.
   */
  submit(
    request: ApplicationRequest,
    resident: Resident,
    key: string,
  ): { progress: ApplicationProgress; replayed: boolean } {
    const bundle = bundleOrFail(request.bundleId);
    const unknown = request.items.find((id) => !bundle.items.some((i) => i.id === id));
    if (unknown !== undefined) {
      throw new ApiFailure(
        400,
        'invalid-field',
        `field "items" names "${unknown}", which bundle "${bundle.id}" does not have`,
        'items',
      );
    }
    const chosen = bundle.items.filter((i) => request.items.includes(i.id));
    const missing = bundle.fields
      .filter((f) => f.required && chosen.some((i) => i.fields.includes(f.id)))
      .find((f) => (request.fields[f.id] ?? '') === '');
    if (missing) {
      throw new ApiFailure(
        400,
        'invalid-field',
        `field "fields.${missing.id}" (${missing.label}) is required by the chosen items`,
        `fields.${missing.id}`,
      );
    }
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([request, resident.profile.id]))
      .digest('hex');
    const earlier = this.#byKey.get(key);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ApiFailure(
          409,
          'request-id-reused',
          'this Idempotency-Key was already used for a different application; make a new key for each application',
          'Idempotency-Key',
        );
      }
      return { progress: earlier.progress, replayed: true };
    }
    const now = this.#now();
    this.#sequence += 1;
    const applicationNo = KIOSK_APPLICATION_NO.test(key)
      ? key
      : `SQ320100${String(900000 + this.#sequence).padStart(6, '0')}`;
    const progress: ApplicationProgress = {
      applicationNo,
      title: bundle.name,
      department: '南京市政务服务管理办公室',
      applicant: maskName(resident.profile.name),
      submittedAt: now.toISOString(),
      status: 'accepted',
      statusLabel: '已受理',
      steps: [
        {
          name: '申请提交',
          nameEn: 'Submitted',
          state: 'done',
          at: now.toISOString(),
          handler: '自助终端',
        },
        ...chosen.map((item, i) => ({
          name: item.name,
          ...(item.nameEn ? { nameEn: item.nameEn } : {}),
          state: i === 0 ? ('current' as const) : ('pending' as const),
          department: item.department,
          handler: '联办窗口',
        })),
        { name: '办结', nameEn: 'Completed', state: 'pending' },
      ],
    };
    this.#byKey.set(key, { fingerprint, progress });
    this.#byNo.set(applicationNo, progress);
    return { progress, replayed: false };
  }

  /** Progress of a submitted or seeded application, or undefined. */
  find(applicationNo: string): ApplicationProgress | undefined {
    const wanted = applicationNo.trim().toUpperCase();
    return (
      this.#byNo.get(wanted) ??
      seededApplications(this.#now()).find((a) => a.applicationNo === wanted)
    );
  }
}

/**
 * The seeded applications, dated relative to `now` so they always look recent. Applicants
 * come from the shared card profiles and are shown masked.
 */
export function seededApplications(now: Date): ApplicationProgress[] {
  const at = (daysAgo: number): string => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
  const hrss = '南京市人力资源和社会保障局';
  const hpf = '南京住房公积金管理中心';
  return [
    {
      applicationNo: 'SQ320100000123',
      title: '企业职工基本养老保险待遇申领',
      department: hrss,
      applicant: maskName(cardProfile('resident-li').name),
      submittedAt: at(6),
      status: 'in-review',
      statusLabel: '审核中',
      steps: [
        { name: '申请提交', nameEn: 'Submitted', state: 'done', at: at(6), handler: '自助终端' },
        {
          name: '窗口受理',
          nameEn: 'Accepted',
          state: 'done',
          at: at(5),
          department: hrss,
          handler: '综合受理窗口',
        },
        {
          name: '业务审核',
          nameEn: 'Review',
          state: 'current',
          department: hrss,
          handler: '养老保险处',
        },
        { name: '办结', nameEn: 'Completed', state: 'pending', department: hrss },
      ],
    },
    {
      applicationNo: 'SQ320100000456',
      title: '住房公积金提取（租房）',
      department: hpf,
      applicant: maskName(cardProfile('resident-wang').name),
      submittedAt: at(3),
      status: 'approved',
      statusLabel: '已批准，待转账',
      steps: [
        {
          name: '申请提交',
          nameEn: 'Submitted',
          state: 'done',
          at: at(3),
          handler: '网上办事大厅',
        },
        {
          name: '审核',
          nameEn: 'Review',
          state: 'done',
          at: at(2),
          department: hpf,
          handler: '提取审核岗',
        },
        {
          name: '资金划转',
          nameEn: 'Payment',
          state: 'current',
          department: hpf,
          handler: '资金结算科',
        },
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
        { name: '申请提交', nameEn: 'Submitted', state: 'done', at: at(20), handler: '自助终端' },
        {
          name: '联办审核',
          nameEn: 'Joint review',
          state: 'done',
          at: at(17),
          department: '苏州市卫生健康委员会',
          handler: '联办窗口',
        },
        {
          name: '证照寄递',
          nameEn: 'Delivered by post',
          state: 'done',
          at: at(14),
          department: '苏州市公安局',
          handler: 'EMS',
        },
      ],
    },
  ];
}
