import { describe, expect, it } from 'vitest';
import { parseRendererMessage } from './contract.ts';

describe('a renderer message', () => {
  it('is taken when a kiosk event carries exactly the data that event has', () => {
    expect(
      parseRendererMessage({ type: 'action', event: 'rating.chosen', data: { score: 4 } }),
    ).toEqual({
      ok: true,
      message: { type: 'action', event: 'rating.chosen', data: { score: 4 } },
    });
    expect(parseRendererMessage({ type: 'action', event: 'session.start' })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    [{ event: 'rating.chosen', data: { score: 9 } }, 'rating.chosen needs a valid "score"'],
    [{ event: 'rating.chosen', data: { score: '5' } }, 'rating.chosen needs a valid "score"'],
    [{ event: 'rating.chosen' }, 'rating.chosen needs a valid "score"'],
    [{ event: 'service.chosen', data: { serviceId: '../x' } }, 'needs a valid "serviceId"'],
    [{ event: 'session.start', data: { resident: 'x' } }, 'session.start carries no "resident"'],
    [{ event: 'x'.repeat(65) }, 'event name of 1-64 characters'],
    [{ event: 'print', data: { nested: { a: 1 } } }, 'must be a string, number or boolean'],
  ])('is refused with the reason when its payload is wrong: %j', (action, reason) => {
    const parsed = parseRendererMessage({ type: 'action', ...action });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});
