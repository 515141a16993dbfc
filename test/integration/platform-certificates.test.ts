import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProfile } from '../../drivers/id-card/profiles.ts';
import { PlatformClient } from '../../kiosk/core/platform/client.ts';
import { newVerificationCode } from '../../kiosk/core/platform/sandbox/certificates.ts';
import {
  startSandboxPlatform,
  type SandboxPlatform,
} from '../../kiosk/core/platform/sandbox/index.ts';

let sandbox: SandboxPlatform;
let client: PlatformClient;

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
  client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-02' });
});
afterAll(() => sandbox.close());

async function refFor(profileId: string): Promise<string> {
  const profile = cardProfile(profileId);
  const result = await client.verifyIdentity({
    idNumber: profile.idNumber,
    name: profile.name,
    cardType: profile.cardType,
  });
  if (!result.verified) throw new Error(`${profileId} did not verify`);
  return result.residentRef;
}

describe('a certificate registered with the sandbox platform', () => {
  it('carries a 16-character code from the unambiguous alphabet and a verifyUrl under baseUrl', async () => {
    const cert = await client.issueCertificate({
      kind: 'si-payment',
      residentRef: await refFor('resident-wang'),
    });
    expect(cert.verificationCode).toMatch(/^[2-9A-HJKMNP-Z]{16}$/);
    expect(cert.verifyUrl).toBe(`${sandbox.baseUrl}/verify/${cert.verificationCode}`);
    expect(cert.certificateNo).toMatch(/^SB\d{8}\d{6}$/);
  });

  it('verifies as valid with the holder masked, then as revoked after revocation', async () => {
    const cert = await client.issueCertificate({
      kind: 'hpf-deposit',
      residentRef: await refFor('resident-wang'),
    });
    expect(await client.verifyCertificate(cert.verificationCode)).toMatchObject({
      status: 'valid',
      kind: 'hpf-deposit',
      certificateNo: cert.certificateNo,
      holder: '王*英',
    });
    const revocation = await client.revokeCertificate(cert.verificationCode, {
      reason: 'print failed',
    });
    expect(revocation.status).toBe('revoked');
    const check = await client.verifyCertificate(cert.verificationCode);
    expect(check.status).toBe('revoked');
    expect(check.revokedAt).toBe(revocation.revokedAt);
  });

  it('keeps the first revocation time when revoked twice', async () => {
    const cert = await client.issueCertificate({
      kind: 'si-payment',
      residentRef: await refFor('permit-huang'),
    });
    const first = await client.revokeCertificate(cert.verificationCode);
    const second = await client.revokeCertificate(cert.verificationCode);
    expect(second.revokedAt).toBe(first.revokedAt);
  });

  it('is still found when the code is typed in lower case with grouping dashes', async () => {
    const cert = await client.issueCertificate({
      kind: 'si-payment',
      residentRef: await refFor('foreign-smith'),
    });
    const typed = cert.verificationCode.toLowerCase().match(/.{4}/g)?.join('-') ?? '';
    expect((await client.verifyCertificate(typed)).status).toBe('valid');
  });

  it('reports a code nobody issued as unknown, with nothing else', async () => {
    expect(await client.verifyCertificate(newVerificationCode())).toEqual({ status: 'unknown' });
  });

  it('cannot be revoked when the code is unknown', async () => {
    const error = await client.revokeCertificate(newVerificationCode()).catch((e: unknown) => e);
    expect(error).toMatchObject({ notFound: true, code: 'certificate-unknown' });
  });

  it('is refused with notFound for the resident who has no record to attest', async () => {
    const error = await client
      .issueCertificate({ kind: 'si-payment', residentRef: await refFor('resident-sun-no-record') })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ notFound: true, code: 'no-record' });
  });

  it('shows a phone an HTML page when the verification link is opened in a browser', async () => {
    const cert = await client.issueCertificate({
      kind: 'si-payment',
      residentRef: await refFor('resident-li'),
    });
    const page = await fetch(cert.verifyUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('证明有效');
    expect(html).toContain(cert.certificateNo);
    expect(html).toContain('李*华');
  });
});

describe('certificate issue with an idempotency key', () => {
  it('returns the same certificate when the same requestId is sent again', async () => {
    const ref = await refFor('resident-wang');
    const requestId = randomUUID();
    const first = await client.issueCertificate({
      kind: 'si-payment',
      residentRef: ref,
      requestId,
    });
    const again = await client.issueCertificate({
      kind: 'si-payment',
      residentRef: ref,
      requestId,
    });
    expect(again).toEqual(first);
  });

  it('refuses a requestId reused for a different certificate, naming the field', async () => {
    const ref = await refFor('resident-wang');
    const requestId = randomUUID();
    await client.issueCertificate({ kind: 'si-payment', residentRef: ref, requestId });
    const error = await client
      .issueCertificate({ kind: 'hpf-deposit', residentRef: ref, requestId })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      rejected: true,
      code: 'request-id-reused',
      field: 'requestId',
      status: 409,
    });
  });

  it('issues exactly one certificate when the reply is lost and the client retries', async () => {
    // The first reply is dropped after the platform has acted on it, as when the link fails
    // on the way back; the client's one retry must get the same certificate, not a second.
    let calls = 0;
    const lossyFetch: typeof fetch = async (input, init) => {
      calls += 1;
      const response = await fetch(input, init);
      if (calls === 1) {
        await response.text();
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
        });
      }
      return response;
    };
    const lossy = new PlatformClient({
      baseUrl: sandbox.baseUrl,
      kioskId: 'kiosk-test-02',
      fetch: lossyFetch,
    });
    const ref = await refFor('permit-huang');
    const cert = await lossy.issueCertificate({ kind: 'hpf-deposit', residentRef: ref });
    expect(calls).toBe(2);
    const next = await client.issueCertificate({ kind: 'hpf-deposit', residentRef: ref });
    const sequence = (no: string): number => Number(no.slice(-6));
    expect(sequence(next.certificateNo)).toBe(sequence(cert.certificateNo) + 1);
  });
});
