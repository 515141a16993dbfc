import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { nextEvent, waitFor, within } from './time.ts';

describe('test waits', () => {
  it('waitFor returns the first truthy value and names what it waited for on timeout', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? calls : false), 'three calls')).resolves.toBe(3);
    await expect(waitFor(() => false, 'a thing that never happens', 30)).rejects.toThrow(
      /waiting for a thing that never happens/,
    );
  });

  it('within passes a settled promise through and times out naming the awaited thing', async () => {
    await expect(within(Promise.resolve(7), 'seven')).resolves.toBe(7);
    await expect(within(new Promise(() => undefined), 'the printer', 20)).rejects.toThrow(
      /waiting for the printer/,
    );
  });

  it('nextEvent resolves with the arguments of the next event and removes its listener', async () => {
    const emitter = new EventEmitter();
    const heard = nextEvent(emitter, 'status', 'a status event');
    emitter.emit('status', 'online', 2);
    await expect(heard).resolves.toEqual(['online', 2]);
    expect(emitter.listenerCount('status')).toBe(0);
    await expect(nextEvent(emitter, 'never', 'an event nobody sends', 20)).rejects.toThrow(
      /waiting for an event nobody sends/,
    );
    expect(emitter.listenerCount('never')).toBe(0);
  });
});
