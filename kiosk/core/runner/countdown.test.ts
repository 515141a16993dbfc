import { describe, expect, it } from 'vitest';
import { countdownView, waitLimitsMs } from './countdown.ts';
import { activePaths } from '../session/flow-screen.ts';

const CONFIG = {
  initial: 'wait',
  states: {
    wait: {
      initial: 'card',
      after: { '90000': 'gone' },
      states: {
        card: { invoke: { src: 'idcard.read', input: { timeoutSeconds: 45 } } },
        code: { invoke: { src: 'scanner.read' } },
        platform: { invoke: { src: 'platform.call', input: { operation: 'queue.ticket' } } },
        odd: { invoke: { src: 'idcard.read', input: { timeoutSeconds: '$context.x' } } },
      },
    },
    message: { after: { '10000': 'wait', later: 'wait' } },
    gone: {},
  },
};

describe('the countdown of a waiting screen', () => {
  it('knows the limits of waiting reads (their timeoutSeconds, or the default) and of after delays', () => {
    expect(waitLimitsMs(CONFIG, [['wait'], ['wait', 'card']]).sort()).toEqual([45_000, 90_000]);
    expect(waitLimitsMs(CONFIG, [['wait', 'code']])).toEqual([60_000]);
    expect(waitLimitsMs(CONFIG, [['wait', 'platform']])).toEqual([]);
    expect(waitLimitsMs(CONFIG, [['wait', 'odd']])).toEqual([]);
    expect(waitLimitsMs(CONFIG, [['message']])).toEqual([10_000]);
    expect(waitLimitsMs(CONFIG, [['nowhere', 'at', 'all']])).toEqual([]);
  });

  it('counts the nearest limit down from when the state was entered, in whole seconds', () => {
    const paths = [['wait'], ['wait', 'card']];
    expect(countdownView(CONFIG, paths, 0, 'zh-CN')).toEqual({
      seconds: 45,
      label: '剩余时间',
    });
    expect(countdownView(CONFIG, paths, 14_500, 'en')).toEqual({
      seconds: 31,
      label: 'Time left',
    });
    expect(countdownView(CONFIG, paths, 45_000, 'en')).toBeUndefined();
    expect(countdownView(CONFIG, [['gone']], 0, 'en')).toBeUndefined();
  });

  it('reads the active state paths from a nested state value', () => {
    expect(activePaths({ wait: 'card' })).toEqual([['wait'], ['wait', 'card']]);
    expect(activePaths('message')).toEqual([['message']]);
    expect(activePaths(undefined)).toEqual([]);
  });
});
