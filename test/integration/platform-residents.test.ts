import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PROFILES, cardProfile } from '../../drivers/id-card/profiles.ts';
import { PlatformClient } from '../../kiosk/core/platform/client.ts';
import { PlatformError } from '../../kiosk/core/platform/errors.ts';
import {
  startSandboxPlatform,
  type SandboxPlatform,
} from '../../kiosk/core/platform/sandbox/index.ts';
import type { CardProfile } from '../../drivers/id-card/profiles.ts';

// A movable clock: months and ref expiry depend on it, and the test must not depend on today.
let clock = new Date('2025-03-15T02:00:00Z');
let sandbox: SandboxPlatform;
let client: PlatformClient;

beforeAll(async () => {
  sandbox = await startSandboxPlatform({ now: () => clock, residentRefTtlMs: 60_000 });
  client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-01' });
});
afterAll(() => sandbox.close());

async function refFor(profile: CardProfile): Promise<string> {
  const result = await client.verifyIdentity({
    idNumber: profile.idNumber,
    name: profile.name,
    cardType: profile.cardType,
  });
  if (!result.verified) throw new Error(`${profile.id} did not verify: ${result.reason}`);
  return result.residentRef;
}

function sumOf(values: string[]): string {
  const fen = values.reduce((sum, v) => sum + Math.round(Number(v) * 100), 0);
  return (fen / 100).toFixed(2);
}

describe('the identity check against the sandbox platform', () => {
  it.each(CARD_PROFILES.map((p) => [p.id, p] as const))(
    'verifies the card holder %s and hands back an opaque residentRef',
    async (_id, profile) => {
      const result = await client.verifyIdentity({
        idNumber: profile.idNumber,
        name: profile.name,
        cardType: profile.cardType,
      });
      expect(result.verified).toBe(true);
      const ref = result.verified ? result.residentRef : '';
      expect(ref).not.toContain(profile.idNumber);
      expect(ref).not.toContain(profile.idNumber.slice(6, 14));
    },
  );

  it('gives a different residentRef on each check so a ref cannot track a person', async () => {
    const profile = cardProfile('resident-wang');
    expect(await refFor(profile)).not.toBe(await refFor(profile));
  });

  it('accepts the English name on a foreigner card as well as the Chinese one', async () => {
    const smith = cardProfile('foreign-smith');
    const result = await client.verifyIdentity({
      idNumber: smith.idNumber,
      name: smith.nameEn ?? '',
      cardType: smith.cardType,
    });
    expect(result.verified).toBe(true);
  });

  it('answers no-match, not an error, when the name does not belong to the number', async () => {
    const li = cardProfile('resident-li');
    const result = await client.verifyIdentity({
      idNumber: li.idNumber,
      name: '王秀英',
      cardType: 'resident',
    });
    expect(result).toEqual({ verified: false, reason: 'no-match' });
  });
});

describe('the social-insurance payment record', () => {
  it('lists the last N settled months, oldest first, with totals equal to the rows', async () => {
    const record = await client.paymentRecord(await refFor(cardProfile('resident-wang')), {
      months: 6,
    });
    expect(record.months.map((m) => m.month)).toEqual([
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
    expect(record.totals.employer).toBe(sumOf(record.months.map((m) => m.employer)));
    expect(record.totals.personal).toBe(sumOf(record.months.map((m) => m.personal)));
    expect(record.insurances.map((i) => i.label)).toEqual([
      '养老保险',
      '医疗保险',
      '失业保险',
      '工伤保险',
      '生育保险',
    ]);
    expect(record.insuredRegion.name).toBe('江苏省南京市');
  });

  it('is the same on every call for the same person', async () => {
    const wang = cardProfile('resident-wang');
    const first = await client.paymentRecord(await refFor(wang), { months: 12 });
    const second = await client.paymentRecord(await refFor(wang), { months: 12 });
    expect(second).toEqual(first);
  });

  it('shows a retired resident as a flexible worker with the other insurances suspended', async () => {
    const record = await client.paymentRecord(await refFor(cardProfile('resident-li')));
    expect(record.employer).toBeNull();
    const suspended = record.insurances.filter((i) => i.statusLabel === '暂停').map((i) => i.type);
    expect(suspended).toEqual(['unemployment', 'work-injury', 'maternity']);
    expect(record.months).toHaveLength(12);
  });

  it('fails with notFound and code no-record for the resident who has no record', async () => {
    const error = await client
      .paymentRecord(await refFor(cardProfile('resident-sun-no-record')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ notFound: true, code: 'no-record', status: 404 });
  });

  it('is rejected with resident-ref-expired once the ref has outlived its session', async () => {
    const ref = await refFor(cardProfile('resident-wang'));
    clock = new Date(clock.getTime() + 61_000);
    const error = await client.paymentRecord(ref).catch((e: unknown) => e);
    expect(error).toMatchObject({ rejected: true, code: 'resident-ref-expired', status: 401 });
  });
});

describe('the housing-fund deposit record', () => {
  it('lists equal employer and personal deposits at the stated ratio', async () => {
    const record = await client.depositRecord(await refFor(cardProfile('permit-huang')), {
      months: 3,
    });
    expect(record.depositRegion.name).toBe('江苏省苏州市');
    expect(record.months).toHaveLength(3);
    const ratio = Number(record.depositRatio.personal);
    for (const row of record.months) {
      expect(row.employer).toBe(row.personal);
      expect(row.personal).toBe((Math.round(Number(row.base) * 100 * ratio) / 100).toFixed(2));
    }
  });

  it('fails with notFound for the resident who has no account', async () => {
    const error = await client
      .depositRecord(await refFor(cardProfile('resident-sun-no-record')))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ notFound: true, code: 'no-record' });
  });
});

describe('the counter services', () => {
  it('hands out consecutive queue tickets with one more person waiting each time', async () => {
    const first = await client.takeQueueTicket({ serviceId: 'general' });
    const second = await client.takeQueueTicket({ serviceId: 'general' });
    expect(first.ticketNo).toMatch(/^D\d{3}$/);
    expect(Number(second.ticketNo.slice(1))).toBe(Number(first.ticketNo.slice(1)) + 1);
    expect(second.waiting).toBe(first.waiting + 1);
  });

  it('takes one rating per service per session and refuses the second', async () => {
    const rating = { serviceId: 'si-certificate', score: 5, tags: ['办事快'], sessionRef: 's-1' };
    const receipt = await client.submitRating(rating);
    expect(receipt.ratingId).toMatch(/^PJ/);
    const again = await client.submitRating(rating).catch((e: unknown) => e);
    expect(again).toMatchObject({ rejected: true, code: 'already-rated', status: 409 });
  });

  it('shows the progress of a seeded application with the applicant masked', async () => {
    const progress = await client.applicationProgress('SQ320100000123');
    expect(progress.status).toBe('in-review');
    expect(progress.applicant).toBe('李*华');
    expect(progress.steps.some((s) => s.state === 'current')).toBe(true);
  });

  it('fails with notFound for an application number nobody was given', async () => {
    const error = await client.applicationProgress('SQ000000000000').catch((e: unknown) => e);
    expect(error).toMatchObject({ notFound: true, code: 'application-unknown' });
  });

  it('reports itself healthy on API v1', async () => {
    expect(await client.health()).toMatchObject({ status: 'ok', apiVersion: 'v1' });
  });
});
