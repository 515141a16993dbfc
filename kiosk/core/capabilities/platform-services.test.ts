import { afterEach, describe, expect, it } from 'vitest';
import { CARD_PROFILES, cardProfile } from '../../../drivers/id-card/profiles.ts';
import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import { silentLogger } from '../log.ts';
import { PlatformClient } from '../platform/client.ts';
import { ENTERPRISES } from '../platform/sandbox/enterprises.ts';
import { startSandboxPlatform, type SandboxPlatform } from '../platform/sandbox/index.ts';
import { PLATFORM_OUTPUTS } from './outputs.ts';
import { distanceKm } from './platform-services.ts';
import { createSessionRuntime, type CapabilityPorts } from './runtime.ts';

const running: SandboxPlatform[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const wang = cardProfile('resident-wang');
const signal = new AbortController().signal;

/** A session runtime on the sandbox whose card reader hands over Wang's card. */
async function runtime(location?: { lat: number; lng: number }) {
  const sandbox = await startSandboxPlatform();
  running.push(sandbox);
  const unused = (): never => {
    throw new Error('this test does not use that port');
  };
  const ports: CapabilityPorts = {
    kioskId: 'kiosk-ops-1',
    platform: new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-ops-1' }),
    log: silentLogger,
    scanner: () => undefined,
    outOfService: () => [],
    ...(location ? { location } : {}),
    readIdCard: () =>
      Promise.resolve({
        cardType: 'resident',
        name: wang.name,
        gender: 'female',
        genderCode: '2',
        birthDate: '1988-08-08',
        idNumber: wang.idNumber,
        checkDigitValid: true,
        validFrom: '2020-01-01',
        validTo: '2040-01-01',
        photoWlt: new Uint8Array(),
      } satisfies IdCardRecord),
    renderCertificate: unused,
    printDocument: unused,
    renderReceipt: unused,
    printReceipt: unused,
  };
  const session = createSessionRuntime(ports, 'session-ops');
  const call = async (operation: keyof typeof PLATFORM_OUTPUTS, args = {}, resident?: unknown) => {
    const out = await session.run(
      'platform.call',
      { operation, args, ...(resident ? { resident } : {}) },
      signal,
    );
    // Every output must be exactly the documented view.
    expect(PLATFORM_OUTPUTS[operation].safeParse(out).success, operation).toBe(true);
    return out as Record<string, unknown>;
  };
  return { session, call, card: () => session.run('idcard.read', { timeoutSeconds: 60 }, signal) };
}

/** True when no seeded person's full name or ID number is anywhere in `value`. */
function noPersonalData(value: unknown): boolean {
  const text = JSON.stringify(value);
  return CARD_PROFILES.every((p) => !text.includes(p.idNumber) && !text.includes(p.name));
}

describe('platform.call guide operations', () => {
  it('lists, filters, searches by pinyin initials and opens a guide', async () => {
    const { call } = await runtime();
    const all = await call('guide.list');
    expect(all.total).toBeGreaterThanOrEqual(20);
    const birth = (await call('guide.list', { lifeEvent: '生育' })).guides as {
      lifeEvents: string[];
    }[];
    expect(birth.every((g) => g.lifeEvents.includes('生育'))).toBe(true);
    const found = (await call('guide.search', { query: 'sb' })).guides as { id: string }[];
    expect(found.map((g) => g.id)).toContain('si-payment-certificate');
    const guide = await call('guide.get', { guideId: 'si-payment-certificate' });
    expect(guide).toMatchObject({ kioskCan: true, flowId: 'si-payment-certificate' });
  });

  it('finds by the capitals the kiosk pad types, as by lower case', async () => {
    const { call } = await runtime();
    const found = (await call('guide.search', { query: 'SB' })).guides as { id: string }[];
    expect(found.map((g) => g.id)).toContain('si-payment-certificate');
  });

  it('calls a guide and its materials title, never name, so a screen does not mask them', async () => {
    const { call } = await runtime();
    const row = ((await call('guide.list')).guides as Record<string, unknown>[])[0];
    expect(row).toHaveProperty('title');
    expect(row).not.toHaveProperty('name');
    const guide = await call('guide.get', { guideId: 'real-estate-transfer' });
    expect(guide).toMatchObject({ title: '存量房转移登记', channel: 'hall', kioskCan: false });
    expect(guide.materials).toContainEqual({ title: '完税凭证', titleEn: 'Tax receipt' });
    expect(guide.materialsText).toBe(
      '1. 居民身份证；2. 不动产权证书；3. 存量房买卖合同；4. 完税凭证',
    );
  });

  it('refuses guide.search without a query, naming the argument', async () => {
    const { session } = await runtime();
    const error = await session
      .run('platform.call', { operation: 'guide.search', args: {} }, signal)
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ rejected: true });
    expect((error as Error).message).toContain('args.query');
  });
});

describe('platform.call hall operations', () => {
  it('says notFound for a hall the platform no longer lists', async () => {
    const { session } = await runtime();
    const error = await session
      .run('platform.call', { operation: 'hall.get', args: { hallId: 'gone' } }, signal)
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ notFound: true });
  });

  it('orders halls by distance from the kiosk location, or keeps the platform order without one', async () => {
    const pukou = { lat: 32.0588, lng: 118.6277 };
    const near = await (await runtime(pukou)).call('hall.list');
    const halls = near.halls as { id: string; distanceKm: number }[];
    expect(near.orderedBy).toBe('distance');
    expect(halls[0]?.id).toBe('nj-pukou');
    expect(halls.map((h) => h.distanceKm)).toEqual(
      [...halls.map((h) => h.distanceKm)].sort((a, b) => a - b),
    );
    const one = await (await runtime(pukou)).call('hall.get', { hallId: 'nj-pukou' });
    expect(one).toMatchObject({ id: 'nj-pukou', hallName: '浦口区政务服务中心', distanceKm: 0 });
    expect(one.orderedBy).toBe('distance');
    expect(one.navUrl).toMatch(/^https:\/\/uri\.amap\.com\//);
    const plain = await (await runtime()).call('hall.list', { businessType: 'marriage' });
    expect(plain.orderedBy).toBe('platform');
    expect((plain.halls as { distanceKm: null }[]).every((h) => h.distanceKm === null)).toBe(true);
  });

  it('measures distances on the sphere', () => {
    // Nanjing to Suzhou is about 190 km as the crow flies.
    expect(
      distanceKm({ lat: 32.0036, lng: 118.7296 }, { lat: 31.299, lng: 120.5853 }),
    ).toBeGreaterThan(180);
    expect(distanceKm({ lat: 32, lng: 118 }, { lat: 32, lng: 118 })).toBe(0);
  });

  it('shows queues and takes a ticket in a hall with the wait', async () => {
    const { call } = await runtime();
    const queues = await call('queue.businessTypes', { hallId: 'nj-gulou' });
    expect((queues.businessTypes as unknown[]).length).toBeGreaterThan(0);
    const ticket = await call('queue.ticket', { serviceId: 'marriage', hallId: 'nj-gulou' });
    expect(ticket).toMatchObject({
      hallName: '鼓楼区政务服务中心',
      serviceNameEn: 'Marriage registration',
    });
  });

  it('checks in the card holder’s appointment', async () => {
    const { call, card } = await runtime();
    const ticket = await call('appointment.checkIn', {}, await card());
    expect(ticket.ticketNo).toMatch(/^G\d{3}$/);
  });

  it('names a wrong credit code check character before asking the platform', async () => {
    const { call, session } = await runtime();
    const code = [...ENTERPRISES.keys()][0] ?? '';
    const record = await call('enterprise.creditRecord', { creditCode: code.toLowerCase() });
    expect(record.legalRepresentativeMasked).toContain('*');
    const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    const error = await session
      .run(
        'platform.call',
        { operation: 'enterprise.creditRecord', args: { creditCode: wrong } },
        signal,
      )
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ malformed: true, rejected: false });
    expect((error as Error).message).toMatch(/check character/);
    expect(record.enterpriseName).not.toContain('*');
  });

  it('names the typed and the expected check character of a credit code, on the kiosk alone', async () => {
    const { call, session } = await runtime();
    const code = [...ENTERPRISES.keys()][0] ?? '';
    const right = code.slice(-1);
    const typo = right === '0' ? '1' : '0';
    expect(await call('enterprise.checkCode', { creditCode: code })).toEqual({
      creditCode: code,
      checkOk: true,
      typedCheck: right,
      expectedCheck: right,
    });
    expect(
      await call('enterprise.checkCode', { creditCode: code.slice(0, 17) + typo }),
    ).toMatchObject({ checkOk: false, typedCheck: typo, expectedCheck: right });
    for (const bad of [code.slice(0, 17), `${code.slice(0, 17)}I`]) {
      const error = await session
        .run(
          'platform.call',
          { operation: 'enterprise.checkCode', args: { creditCode: bad } },
          signal,
        )
        .catch((e: unknown) => e as Error);
      expect(error, bad).toMatchObject({ malformed: true });
    }
  });
});

describe('platform.call resident operations', () => {
  it('hand back masked views only', async () => {
    const { call, card } = await runtime();
    const resident = await card();
    const outputs = [
      await call('hpf.account', { months: 6 }, resident),
      await call('realEstate.query', {}, resident),
      await call('licence.list', {}, resident),
      await call('application.materialsHeld', { bundleId: 'newborn' }, resident),
      await call('si.paymentRecord', { from: '2024-01', to: '2024-03' }, resident),
    ];
    expect(outputs[0]?.months).toHaveLength(6);
    expect(outputs[4]?.monthCount).toBe(3);
    expect((outputs[2]?.licences as unknown[]).length).toBeGreaterThan(0);
    expect(noPersonalData(outputs)).toBe(true);
  });

  it('hands a bundle over as data and progress with every step', async () => {
    const { call } = await runtime();
    const bundle = await call('application.bundle', { bundleId: 'retirement' });
    expect((bundle.fields as { type: string }[]).map((f) => f.type)).toContain('digits');
    const progress = await call('application.progress', { applicationNo: 'SQ320100000123' });
    expect((progress.steps as { handler: string }[]).some((s) => s.handler.length > 0)).toBe(true);
  });
});
