import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PROFILES, cardProfile } from '../../../../drivers/id-card/profiles.ts';
import { isValidCheckDigit } from '../../../../drivers/id-card/check-digit.ts';
import { PlatformClient } from '../client.ts';
import { platformFailure as failure, signedFetch } from '../testing.ts';
import { ENTERPRISES } from './enterprises.ts';
import { startSandboxPlatform, type SandboxPlatform } from './index.ts';

let sandbox: SandboxPlatform;
let client: PlatformClient;
const now = new Date('2025-06-10T08:00:00Z');

beforeAll(async () => {
  sandbox = await startSandboxPlatform({ now: () => now });
  client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-personal-01' });
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

/** True when no seeded person's full name or ID number appears in `value`. */
function noPersonalData(value: unknown): boolean {
  const text = JSON.stringify(value);
  return CARD_PROFILES.every((p) => !text.includes(p.idNumber) && !text.includes(p.name));
}

describe('seeded residents', () => {
  it('carry valid GB 11643 check characters on every 18-character number', () => {
    const eighteen = CARD_PROFILES.filter((p) => p.idNumber.length === 18);
    expect(eighteen.length).toBeGreaterThanOrEqual(4);
    for (const p of eighteen) expect(isValidCheckDigit(p.idNumber), p.id).toBe(true);
    expect(CARD_PROFILES.map((p) => p.cardType)).toEqual(
      expect.arrayContaining(['resident', 'hkmotw-permit', 'foreign-permanent']),
    );
  });
});

describe('record periods', () => {
  it('lists a from-to month range, both ends included', async () => {
    const ref = await refOf('resident-wang');
    const record = await client.paymentRecord(ref, { from: '2024-07', to: '2024-12' });
    expect(record.months.map((m) => m.month)).toEqual([
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
    ]);
    const deposits = await client.depositRecord(ref, { months: 24 });
    expect(deposits.months).toHaveLength(24);
  });

  it('refuses a range longer than 36 months or backwards, naming the field', async () => {
    const ref = await refOf('resident-wang');
    expect(
      await failure(client.paymentRecord(ref, { from: '2020-01', to: '2024-12' })),
    ).toMatchObject({
      rejected: true,
      field: 'from',
    });
    expect(
      await failure(client.paymentRecord(ref, { from: '2024-12', to: '2024-01' })),
    ).toMatchObject({
      field: 'to',
    });
  });
});

describe('e-licences and real estate', () => {
  it('lists the licences with masked numbers only', async () => {
    for (const id of ['resident-li', 'permit-huang', 'foreign-smith']) {
      const licences = await client.licences(await refOf(id));
      expect(licences[0]?.kind).toBe('id-card');
      expect(licences.every((l) => l.numberMasked.includes('*'))).toBe(true);
      expect(noPersonalData(licences)).toBe(true);
    }
  });

  it('gives registered properties with masked certificate numbers, and 404 for no record', async () => {
    const record = await client.realEstate(await refOf('resident-wang'));
    expect(record.properties.length).toBeGreaterThan(0);
    expect(record.properties.every((p) => p.certificateNoMasked.includes('*'))).toBe(true);
    expect(await failure(client.realEstate(await refOf('resident-sun-no-record')))).toMatchObject({
      notFound: true,
      code: 'no-record',
    });
  });

  it('refuses an expired or made-up residentRef as rejected', async () => {
    expect(await failure(client.licences('rr_made_up_reference'))).toMatchObject({
      rejected: true,
      code: 'resident-ref-expired',
    });
  });
});

describe('bundles and applications', () => {
  it('defines the newborn bundle as data with shared fields and materials', async () => {
    const bundle = await client.bundle('newborn');
    expect(bundle.items.map((i) => i.id)).toEqual([
      'birth-certificate',
      'household-registration',
      'medical-insurance',
      'social-security-card',
      'child-subsidy',
    ]);
    const used = new Set(bundle.items.flatMap((i) => i.fields));
    expect(bundle.fields.map((f) => f.id).sort()).toEqual([...used].sort());
    expect((await client.bundle('retirement')).items.length).toBeGreaterThan(1);
    expect(await failure(client.bundle('wedding'))).toMatchObject({ notFound: true });
  });

  it('tells which materials the platform already holds', async () => {
    const held = await client.materialsHeld(await refOf('resident-wang'), 'newborn');
    expect(held.held.map((m) => m.materialId)).toContain('parent-id');
    expect(held.held.every((m) => m.materialId !== 'delivery-record')).toBe(true);
  });

  const application = (residentRef: string, key: string) => ({
    bundleId: 'retirement',
    items: ['pension-claim', 'medical-retiree'],
    fields: { retireDate: '2025-07-01', bankAccount: '6222020000000000', phone: '13800000000' },
    residentRef,
    idempotencyKey: key,
  });

  it('stores an application once per key and uses a kiosk application number as its number', async () => {
    const ref = await refOf('resident-li');
    const first = await client.submitApplication(application(ref, 'KS2025061012345678'));
    expect(first.applicationNo).toBe('KS2025061012345678');
    expect(first.progressUrl).toBe(`${sandbox.baseUrl}/progress/KS2025061012345678`);
    expect(await client.submitApplication(application(ref, 'KS2025061012345678'))).toEqual(first);
    const progress = await client.applicationProgress(first.applicationNo);
    expect(progress.applicant).toContain('*');
    expect(progress.steps.some((s) => s.department !== undefined && s.handler !== undefined)).toBe(
      true,
    );
    const minted = await client.submitApplication(application(ref, 'b1c2d3e4-uuid-key'));
    expect(minted.applicationNo).toMatch(/^SQ\d{12}$/);
  });

  it('refuses a reused key with another body, a missing key and a missing required field', async () => {
    const ref = await refOf('resident-li');
    await client.submitApplication(application(ref, 'key-reuse-0001'));
    const other = { ...application(ref, 'key-reuse-0001'), items: ['pension-claim'] };
    expect(await failure(client.submitApplication(other))).toMatchObject({
      code: 'request-id-reused',
    });
    const reply = await signedFetch(`${sandbox.baseUrl}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        bundleId: 'retirement',
        items: ['pension-claim'],
        fields: {},
        residentRef: ref,
        kioskId: 'k',
      }),
    });
    expect(reply.status).toBe(400);
    const missing = {
      ...application(ref, 'key-missing-0001'),
      fields: { retireDate: '2025-07-01' },
    };
    expect(await failure(client.submitApplication(missing))).toMatchObject({
      field: 'fields.bankAccount',
    });
  });
});

describe('certificates of the new kinds', () => {
  it('issues real-estate, licence-copy and credit-record certificates the public check knows', async () => {
    const ref = await refOf('resident-wang');
    const [licence] = await client.licences(ref);
    const estate = await client.issueCertificate({ kind: 'real-estate', residentRef: ref });
    const copy = await client.issueCertificate({
      kind: 'licence-copy',
      residentRef: ref,
      licenceId: licence?.id ?? '',
    });
    const credit = await client.issueCertificate({
      kind: 'credit-record',
      creditCode: [...ENTERPRISES.keys()][0] ?? '',
    });
    expect(credit.certificateNo).toMatch(/^XY/);
    expect(await client.verifyCertificate(credit.verificationCode)).toMatchObject({
      holder: [...ENTERPRISES.values()][0]?.name,
    });
    const unknown = await failure(
      client.issueCertificate({ kind: 'credit-record', creditCode: '91350100M000100Y43' }),
    );
    expect(unknown).toMatchObject({ notFound: true, code: 'enterprise-unknown' });
    expect(estate.certificateNo).toMatch(/^BDC/);
    expect(copy.certificateNo).toMatch(/^DZZZ/);
    const check = await client.verifyCertificate(copy.verificationCode);
    expect(check).toMatchObject({ status: 'valid', kind: 'licence-copy' });
    expect(noPersonalData(check)).toBe(true);
  });

  it('refuses a licence-copy without a licenceId, naming the field', async () => {
    const ref = await refOf('resident-wang');
    expect(
      await failure(client.issueCertificate({ kind: 'licence-copy', residentRef: ref })),
    ).toMatchObject({
      rejected: true,
      field: 'licenceId',
    });
  });
});
