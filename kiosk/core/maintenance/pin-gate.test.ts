import { describe, expect, it } from 'vitest';
import type { Clock } from '../session/idle.ts';
import { PinGate } from './pin-gate.ts';

function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    setTimeout: () => undefined,
    clearTimeout: () => undefined,
    advance: (ms) => (now += ms),
  };
}

function gate(clock = fakeClock()) {
  // The real scrypt is covered in pin.test.ts; a plain comparison keeps these fast.
  const pins = new PinGate({
    pinHash: '246810',
    clock,
    verify: (pin, hash) => Promise.resolve(pin === hash),
  });
  return { pins, clock };
}

describe('the maintenance PIN gate', () => {
  it('accepts the right PIN', async () => {
    expect(await gate().pins.attempt('246810')).toEqual({ result: 'accepted' });
  });

  it('counts down the attempts left after each wrong PIN', async () => {
    const { pins } = gate();
    expect(await pins.attempt('1111')).toEqual({ result: 'wrong', attemptsLeft: 4 });
    expect(await pins.attempt('2222')).toEqual({ result: 'wrong', attemptsLeft: 3 });
  });

  it('locks for 60 seconds after the fifth wrong PIN, refusing even the right one', async () => {
    const { pins, clock } = gate();
    for (let i = 0; i < 4; i++) await pins.attempt('0000');
    expect(await pins.attempt('0000')).toEqual({ result: 'locked', secondsLeft: 60 });
    clock.advance(30_000);
    expect(await pins.attempt('246810')).toEqual({ result: 'locked', secondsLeft: 30 });
    expect(pins.lockedSeconds()).toBe(30);
  });

  it('opens again after the lockout with a fresh set of attempts', async () => {
    const { pins, clock } = gate();
    for (let i = 0; i < 5; i++) await pins.attempt('0000');
    clock.advance(60_000);
    expect(pins.lockedSeconds()).toBe(0);
    expect(await pins.attempt('0000')).toEqual({ result: 'wrong', attemptsLeft: 4 });
    expect(await pins.attempt('246810')).toEqual({ result: 'accepted' });
  });

  it('forgets earlier wrong PINs once the right one is entered', async () => {
    const { pins } = gate();
    for (let i = 0; i < 4; i++) await pins.attempt('0000');
    await pins.attempt('246810');
    expect(await pins.attempt('0000')).toEqual({ result: 'wrong', attemptsLeft: 4 });
  });
});
