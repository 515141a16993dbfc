import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../drivers/device/errors.ts';
import { createLogger, maskPersonal } from './log.ts';

/** A logger whose lines are collected in memory. */
function capture(): {
  lines: () => Record<string, unknown>[];
  log: ReturnType<typeof createLogger>;
} {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const log = createLogger({ destination });
  return {
    log,
    lines: () =>
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('the kiosk log', () => {
  it('masks names, ID numbers, addresses and photos wherever they sit in a logged object', () => {
    const { log, lines } = capture();
    log.info(
      {
        resident: {
          name: '李明华',
          idNumber: '32010619560315123X',
          address: '江苏省南京市示例路88号',
          photoWlt: new Uint8Array(1024),
        },
      },
      'card read',
    );
    const text = JSON.stringify(lines()[0]);
    expect(text).toContain('李*华');
    expect(text).toContain('320106********123X');
    expect(text).not.toContain('32010619560315123X');
    expect(text).not.toContain('李明华');
    expect(text).not.toContain('示例路');
    expect(text).toContain('"photoWlt":"[masked]"');
  });

  it('keeps the message, type and flags of a logged error', () => {
    const { log, lines } = capture();
    log.error(
      { err: new DeviceError('the reader did not answer', { timeout: true, code: 0x41 }) },
      'read failed',
    );
    const err = lines()[0]?.err as Record<string, unknown>;
    expect(err.message).toBe('the reader did not answer');
    expect(err.type).toBe('DeviceError');
    expect(err.timeout).toBe(true);
    expect(typeof err.stack).toBe('string');
  });

  it('leaves values that are not objects alone', () => {
    expect(maskPersonal('李明华')).toBe('李明华');
    expect(maskPersonal(42)).toBe(42);
  });
});
