import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProfile } from '../../../../drivers/id-card/profiles.ts';
import { PlatformClient } from '../client.ts';
import { isValidCreditCode, makeCreditCode, organisationCheckCharFor } from '../credit-code.ts';
import { LIFE_EVENTS } from '../schemas-services.ts';
import { platformFailure as failure } from '../testing.ts';
import { ENTERPRISES } from './enterprises.ts';
import { startSandboxPlatform, type SandboxPlatform } from './index.ts';

let sandbox: SandboxPlatform;
let client: PlatformClient;

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
  client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-hall-01' });
});
afterAll(() => sandbox.close());

async function refOf(profileId: string): Promise<string> {
  const p = cardProfile(profileId);
  const v = await client.verifyIdentity({
    idNumber: p.idNumber,
    name: p.name,
    cardType: p.cardType,
  });
  if (!v.verified) throw new Error(`${profileId} not verified`);
  return v.residentRef;
}

describe('guides', () => {
  it('cover every life event, several departments and enterprise services', async () => {
    const guides = await client.guides();
    expect(guides.length).toBeGreaterThanOrEqual(20);
    for (const event of LIFE_EVENTS)
      expect(guides.some((g) => g.lifeEvents.includes(event))).toBe(true);
    expect(new Set(guides.map((g) => g.department)).size).toBeGreaterThanOrEqual(6);
    expect(guides.some((g) => g.audience === 'enterprise')).toBe(true);
    expect(guides.every((g) => g.nameEn !== undefined)).toBe(true);
  });

  it('give the whole guide by id, with the kiosk flow when the kiosk can do it', async () => {
    const guide = await client.guide('si-payment-certificate');
    expect(guide.materials.length).toBeGreaterThan(0);
    expect(guide.steps.length).toBeGreaterThan(0);
    expect(guide.legalBasis.length).toBeGreaterThan(0);
    expect(guide.flowId).toBe('si-payment-certificate');
    expect((await client.guide('marriage-registration')).flowId).toBeUndefined();
  });

  it('answer an unknown id with notFound', async () => {
    expect(await failure(client.guide('no-such-guide'))).toMatchObject({
      notFound: true,
      code: 'guide-unknown',
    });
  });
});

describe('halls and queues', () => {
  it('lists six halls with coordinates, a navigation link and business types', async () => {
    const halls = await client.halls();
    expect(halls).toHaveLength(6);
    for (const hall of halls) {
      expect(hall.navUrl).toMatch(/^https:\/\//);
      expect(hall.businessTypes.length).toBeGreaterThan(0);
    }
  });

  it('issues a ticket in a chosen hall with the people ahead and the expected wait', async () => {
    const before = await client.hallQueues('nj-gulou');
    const general = before.businessTypes.find((t) => t.id === 'general');
    const ticket = await client.takeQueueTicket({ serviceId: 'general', hallId: 'nj-gulou' });
    expect(ticket).toMatchObject({ hallId: 'nj-gulou', peopleAhead: general?.peopleWaiting });
    expect(ticket.expectedWaitMinutes).toBe(general?.expectedWaitMinutes);
    const after = await client.hallQueues('nj-gulou');
    expect(after.businessTypes.find((t) => t.id === 'general')?.peopleWaiting).toBe(
      (general?.peopleWaiting ?? 0) + 1,
    );
  });

  it('refuses a business type the hall does not serve, and an unknown hall', async () => {
    expect(
      await failure(client.takeQueueTicket({ serviceId: 'marriage', hallId: 'sz-city' })),
    ).toMatchObject({
      rejected: true,
      code: 'unknown-service',
    });
    expect(await failure(client.hallQueues('nowhere'))).toMatchObject({ notFound: true });
  });

  it('turns a booked appointment into a ticket once, and says when there is none', async () => {
    const wang = await refOf('resident-wang');
    const first = await client.checkInAppointment({ residentRef: wang });
    expect(first.serviceId).toBe('real-estate');
    expect(await client.checkInAppointment({ residentRef: wang })).toEqual(first);
    const li = await refOf('resident-li');
    expect(await failure(client.checkInAppointment({ residentRef: li }))).toMatchObject({
      notFound: true,
      code: 'no-appointment',
    });
  });
});

describe('enterprise credit records', () => {
  const [code] = [...ENTERPRISES.keys()];

  it('are seeded for five enterprises whose codes carry both check characters', () => {
    expect(ENTERPRISES.size).toBe(5);
    for (const seeded of ENTERPRISES.keys()) {
      expect(isValidCreditCode(seeded), seeded).toBe(true);
      expect(seeded[16]).toBe(organisationCheckCharFor(seeded.slice(8, 16)));
    }
  });

  it('gives the public record with the legal representative masked', async () => {
    const record = await client.creditRecord(code ?? '');
    expect(record.creditCode).toBe(code);
    expect(record.legalRepresentativeMasked).toContain('*');
    expect(record.entries.length).toBeGreaterThan(0);
  });

  it('refuses a wrong check character with invalid-field, naming the expected one', async () => {
    const good = code ?? '';
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const error = await failure(client.creditRecord(wrong));
    expect(error).toMatchObject({ rejected: true, code: 'invalid-field', field: 'creditCode' });
    expect(error.message).toContain('check character');
  });

  it('answers a valid code it does not hold with enterprise-unknown', async () => {
    const error = await failure(client.creditRecord(makeCreditCode('91', '320100', 'MA00000A')));
    expect(error).toMatchObject({ notFound: true, code: 'enterprise-unknown' });
  });
});
