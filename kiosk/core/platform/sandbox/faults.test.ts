import { describe, expect, it } from 'vitest';
import { SandboxFaults } from './faults.ts';

describe('the fault switchboard', () => {
  it('fails exactly `count` requests and then lets requests through', () => {
    const faults = new SandboxFaults();
    faults.set({ failNext: 'http-500', count: 2 });
    const taken = [faults.take(), faults.take(), faults.take()].map((f) => f.fail);
    expect(taken).toEqual(['http-500', 'http-500', null]);
    expect(faults.state).toEqual({ delayMs: 0, failNext: null, remaining: 0, down: null });
  });

  it('keeps a delay for every request until it is set back to 0', () => {
    const faults = new SandboxFaults();
    faults.set({ delayMs: 300 });
    expect([faults.take().delayMs, faults.take().delayMs]).toEqual([300, 300]);
    faults.set({ delayMs: 0 });
    expect(faults.take().delayMs).toBe(0);
  });

  it('refuses a count without a failure to repeat', () => {
    expect(() => new SandboxFaults().set({ count: 3 })).toThrow(/"count" needs "failNext"/);
  });

  it('refuses a bad value with a RangeError naming the field', () => {
    const faults = new SandboxFaults();
    expect(() => faults.set({ delayMs: -1 })).toThrow(RangeError);
    expect(() => faults.set({ delayMs: -1 })).toThrow(/"delayMs"/);
  });

  it('forgets everything on clear', () => {
    const faults = new SandboxFaults();
    faults.set({ delayMs: 10, failNext: 'timeout', count: 5 });
    faults.clear();
    expect(faults.take()).toEqual({ delayMs: 0, fail: null });
  });

  it('stays down for every request until told to come back, keeping pending failures', () => {
    const faults = new SandboxFaults();
    faults.set({ failNext: 'malformed', count: 1 });
    faults.set({ down: 'unavailable', delayMs: 50 });
    const taken = Array.from({ length: 5 }, () => faults.take());
    expect(taken.every((f) => f.fail === 'unavailable' && f.delayMs === 50)).toBe(true);
    expect(faults.state).toMatchObject({
      down: 'unavailable',
      failNext: 'malformed',
      remaining: 1,
    });
    faults.set({ down: null });
    expect(faults.take().fail).toBe('malformed');
    expect(faults.take().fail).toBeNull();
  });

  it('refuses an outage kind it cannot keep up, naming the field', () => {
    const faults = new SandboxFaults();
    expect(() => faults.set({ down: 'timeout' as 'http-500' })).toThrow(/"down"/);
    faults.set({ down: 'http-500' });
    faults.clear();
    expect(faults.state.down).toBeNull();
  });
});
