import { describe, expect, it } from 'vitest';
import { VERIFICATION_ALPHABET } from '../schemas.ts';
import { CertificateRegistry, newVerificationCode, normalizeCode } from './certificates.ts';
import { maskName } from '../../privacy/mask.ts';
import { seedResidents, type Resident } from './residents.ts';

const [first, second] = seedResidents();
/** The subject fields the routes hand the register for a resident. */
const about = (r: Resident) => ({ holder: maskName(r.profile.name), subjectKey: r.profile.id });

describe('a verification code', () => {
  it('is 16 characters, none of them 0, O, 1, I or L', () => {
    const codes = Array.from({ length: 200 }, () => newVerificationCode());
    for (const code of codes) {
      expect(code).toHaveLength(16);
      expect([...code].every((c) => VERIFICATION_ALPHABET.includes(c))).toBe(true);
    }
    expect(codes.join('')).not.toMatch(/[01OIL]/);
  });

  it('is read back the same when typed in lower case with spaces or dashes', () => {
    expect(normalizeCode('abcd-efgh 2345 6789')).toBe('ABCDEFGH23456789');
  });
});

describe('the certificate register', () => {
  const registry = (): CertificateRegistry =>
    new CertificateRegistry({ now: () => new Date('2025-04-01T01:00:00Z') });

  it('numbers certificates by kind, day and sequence', () => {
    const register = registry();
    if (!first) throw new Error('no seeded resident');
    const a = register.issue({
      kind: 'si-payment',
      ...about(first),
      kioskId: 'k',
      requestId: 'req-00001',
    });
    const b = register.issue({
      kind: 'hpf-deposit',
      ...about(first),
      kioskId: 'k',
      requestId: 'req-00002',
    });
    expect([a.entry.certificateNo, b.entry.certificateNo]).toEqual([
      'SB20250401000001',
      'GJJ20250401000002',
    ]);
  });

  it('replays the same entry for a repeated requestId and refuses it for another person', () => {
    const register = registry();
    if (!first || !second) throw new Error('no seeded residents');
    const request = {
      kind: 'si-payment',
      ...about(first),
      kioskId: 'k',
      requestId: 'req-00003',
    } as const;
    const issued = register.issue(request);
    expect(register.issue(request)).toEqual({ entry: issued.entry, replayed: true });
    expect(() => register.issue({ ...request, ...about(second) })).toThrow(/already used/);
  });

  it('stores the holder only as a masked name', () => {
    const register = registry();
    if (!first) throw new Error('no seeded resident');
    const { entry } = register.issue({
      kind: 'si-payment',
      ...about(first),
      kioskId: 'k',
      requestId: 'req-00004',
    });
    expect(JSON.stringify(entry)).not.toContain(first.profile.name);
    expect(register.check(entry.verificationCode).holder).toMatch(/\*/);
  });
});
