import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_PROFILES } from '../../drivers/id-card/profiles.ts';
import { PlatformClient } from '../../kiosk/core/platform/client.ts';
import {
  startSandboxPlatform,
  type SandboxPlatform,
} from '../../kiosk/core/platform/sandbox/index.ts';
import { maskIdNumber } from '../../kiosk/core/privacy/mask.ts';

// Everything the sandbox said, both on the wire and in its log, gathered for inspection.
const logLines: string[] = [];
const replies: string[] = [];
let sandbox: SandboxPlatform;
let client: PlatformClient;

const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const text = await response.text();
  replies.push(`${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
  return new Response(text, { status: response.status, headers: response.headers });
};

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  sandbox = await startSandboxPlatform({ logger: pino({ level: 'trace' }, sink) });
  client = new PlatformClient({
    baseUrl: sandbox.baseUrl,
    kioskId: 'kiosk-test-04',
    fetch: recordingFetch,
  });

  // Every endpoint, for every person, including the failures.
  for (const profile of CARD_PROFILES) {
    const identity = { idNumber: profile.idNumber, name: profile.name, cardType: profile.cardType };
    const verified = await client.verifyIdentity(identity);
    if (!verified.verified) throw new Error(`${profile.id} did not verify`);
    const residentRef = verified.residentRef;
    const settle = (p: Promise<unknown>): Promise<unknown> => p.catch((e: unknown) => e);
    await settle(client.paymentRecord(residentRef, { months: 36 }));
    await settle(client.depositRecord(residentRef));
    const cert = await settle(client.issueCertificate({ kind: 'si-payment', residentRef }));
    if (cert && typeof cert === 'object' && 'verifyUrl' in cert) {
      const { verificationCode, verifyUrl } = cert as {
        verificationCode: string;
        verifyUrl: string;
      };
      await client.verifyCertificate(verificationCode);
      await recordingFetch(String(verifyUrl), { headers: { accept: 'text/html' } });
      await client.revokeCertificate(verificationCode);
    }
    const wrongCheck = `${profile.idNumber.slice(0, 17)}${profile.idNumber.endsWith('0') ? '1' : '0'}`;
    await settle(client.verifyIdentity({ ...identity, idNumber: wrongCheck }));
    await settle(client.verifyIdentity({ ...identity, name: '某某某' }));
  }
  for (const no of ['SQ320100000123', 'SQ320100000456', 'SQ320500000789']) {
    await client.applicationProgress(no);
  }
});
afterAll(() => sandbox.close());

describe('the sandbox platform, after serving every endpoint for every fictional person', () => {
  it('sent back and logged something to inspect', () => {
    expect(replies.length).toBeGreaterThan(CARD_PROFILES.length * 5);
    expect(logLines.length).toBeGreaterThan(CARD_PROFILES.length * 5);
  });

  it.each(CARD_PROFILES.map((p) => [p.id, p] as const))(
    'never returned the ID number of %s, nor its birth-date digits',
    (_id, profile) => {
      const everything = replies.join('\n');
      expect(everything).not.toContain(profile.idNumber);
      expect(everything).not.toContain(profile.idNumber.slice(6, 14));
    },
  );

  it.each(CARD_PROFILES.map((p) => [p.id, p] as const))(
    'never returned the full name of %s',
    (_id, profile) => {
      expect(replies.join('\n')).not.toContain(profile.name);
    },
  );

  it.each(CARD_PROFILES.map((p) => [p.id, p] as const))(
    'logged the identity check of %s only with the ID number masked',
    (_id, profile) => {
      const log = logLines.join('');
      expect(log).toContain(maskIdNumber(profile.idNumber));
      expect(log).not.toContain(profile.idNumber);
      expect(log).not.toContain(profile.name);
    },
  );
});
