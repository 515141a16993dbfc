import { describe, expect, it } from 'vitest';
import { CI_TIME_SCALE, scaled, timeScale } from './time-scale.ts';

describe('time scale', () => {
  it('is 1 on a developer machine and CI_TIME_SCALE under CI=true', () => {
    expect(timeScale({})).toBe(1);
    expect(timeScale({ CI: 'true' })).toBe(CI_TIME_SCALE);
    expect(scaled(500, { CI: 'true' })).toBe(500 * CI_TIME_SCALE);
  });

  it('takes KIOSK24_TIME_SCALE over the CI default', () => {
    expect(timeScale({ CI: 'true', KIOSK24_TIME_SCALE: '1.5' })).toBe(1.5);
    expect(scaled(1000, { KIOSK24_TIME_SCALE: '4' })).toBe(4000);
  });

  it('refuses a value that would shrink or explode every budget, naming the variable', () => {
    for (const bad of ['0.5', 'fast', '-2', '100', 'NaN']) {
      expect(() => timeScale({ KIOSK24_TIME_SCALE: bad })).toThrow(/KIOSK24_TIME_SCALE="/);
    }
  });
});
