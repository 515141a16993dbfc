import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformClient } from '../client.ts';
import { PlatformError } from '../errors.ts';
import { startSandboxPlatform, type SandboxPlatform } from './index.ts';
import { RESIDENT_CODE_BASE } from './resident-codes.ts';

const running: SandboxPlatform[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A sandbox on a clock the test moves, its client, and every line the sandbox logged. */
async function rig() {
  let now = new Date('2026-03-01T02:00:00Z');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const sandbox = await startSandboxPlatform({
    now: () => now,
    residentCodeTtlMs: 60_000,
    logger: pino({ level: 'debug' }, sink),
  });
  running.push(sandbox);
  const client = new PlatformClient({ baseUrl: sandbox.baseUrl, kioskId: 'kiosk-test-1' });
  const freshCode = async (profile: string, query = ''): Promise<string> => {
    const reply = await fetch(`${sandbox.baseUrl}/sandbox/resident-codes/${profile}${query}`);
    expect(reply.status).toBe(200);
    return ((await reply.json()) as { code: string }).code;
  };
  return {
    sandbox,
    client,
    freshCode,
    lines,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('resolving a phone resident code on the sandbox platform', () => {
  it('yields a residentRef, the full name and only a masked ID number for a fresh code', async () => {
    const { client, freshCode, lines } = await rig();
    const code = await freshCode('resident-li');
    expect(code.startsWith(RESIDENT_CODE_BASE)).toBe(true);
    const result = await client.resolveResidentCode(code);
    expect(result).toMatchObject({
      resolved: true,
      name: '李明华',
      idNumberMasked: '320106********123X',
      cardType: 'resident',
    });
    expect(JSON.stringify(result)).not.toContain('32010619560315123X');
    // The ref is a real one: the record behind it can be fetched.
    if (!result.resolved) throw new Error('not resolved');
    const record = await client.paymentRecord(result.residentRef, { months: 3 });
    expect(record.months).toHaveLength(3);
    expect(lines.join('')).not.toContain(code.slice(RESIDENT_CODE_BASE.length));
  });

  it('refuses a code past its validity as expired', async () => {
    const { client, freshCode, advance } = await rig();
    const code = await freshCode('resident-wang');
    advance(61_000);
    expect(await client.resolveResidentCode(code)).toEqual({ resolved: false, reason: 'expired' });
  });

  it('hands out an already expired code on request, for the expired path of tests', async () => {
    const { client, freshCode } = await rig();
    const code = await freshCode('resident-wang', '?expired=true');
    expect(await client.resolveResidentCode(code)).toEqual({ resolved: false, reason: 'expired' });
  });

  it('refuses as unknown a code signed by another platform or with a changed payload', async () => {
    const first = await rig();
    const second = await rig();
    const foreign = await second.freshCode('resident-li');
    expect(await first.client.resolveResidentCode(foreign)).toEqual({
      resolved: false,
      reason: 'unknown',
    });
    const own = await first.freshCode('resident-li');
    const [payload = '', signature = ''] = own.slice(RESIDENT_CODE_BASE.length).split('.');
    const swapped = Buffer.from(payload, 'base64url')
      .toString('utf8')
      .replace('resident-li', 'resident-wang');
    const tampered = `${RESIDENT_CODE_BASE}${Buffer.from(swapped).toString('base64url')}.${signature}`;
    expect(await first.client.resolveResidentCode(tampered)).toEqual({
      resolved: false,
      reason: 'unknown',
    });
  });

  it('refuses as malformed text that is not a resident code at all', async () => {
    const { client } = await rig();
    for (const code of ['6901234567892', 'https://example.cn/pay?x=1', `${RESIDENT_CODE_BASE}x`])
      expect(await client.resolveResidentCode(code)).toEqual({
        resolved: false,
        reason: 'malformed',
      });
  });

  it('rejects an empty code as a bad request naming the field', async () => {
    const { client } = await rig();
    const failure = await client.resolveResidentCode('').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PlatformError);
    expect(failure).toMatchObject({ rejected: true, field: 'code' });
  });

  it('answers 404 with a hint for a profile the sandbox does not seed', async () => {
    const { sandbox } = await rig();
    const reply = await fetch(`${sandbox.baseUrl}/sandbox/resident-codes/nobody`);
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as { error: { message: string } }).error.message).toContain(
      'resident-li',
    );
  });

  it('still hands out codes while faults are injected, like the other sandbox controls', async () => {
    const { sandbox, freshCode } = await rig();
    sandbox.faults.set({ failNext: 'http-500' });
    expect((await freshCode('resident-li')).startsWith(RESIDENT_CODE_BASE)).toBe(true);
    expect(sandbox.faults.state.remaining).toBe(1);
  });
});
