import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from 'xstate';
import { creditCheckCharFor } from '../platform/credit-code.ts';
import { parseApplicationNumber, parseCreditCode } from './public-codes.ts';
import { createSessionRuntime, type CapabilityPorts } from './runtime.ts';

const BODY = '91320100MA1XK24T0';
const CODE = BODY + creditCheckCharFor(BODY);
/** The same code with a check character that is not the right one. */
const WRONG_CHECK = BODY + (creditCheckCharFor(BODY) === '1' ? '2' : '1');

describe('an application number read from a receipt', () => {
  it.each([
    ['the progress link a receipt carries', 'https://platform.example/progress/SQ320100000123'],
    ['a progress link under a path prefix', 'http://10.0.0.5:8080/gov/progress/KS2026120112345678'],
    ['the bare number', 'SQ320100000123'],
  ])('is taken from %s', (_what, text) => {
    expect(parseApplicationNumber(text)).toEqual({ value: /([A-Z]{2}\d+)$/.exec(text)?.[1] });
  });

  it.each([
    ['a number in lower case', 'sq320100000123', /neither/],
    ['a number too short', 'SQ32010', /neither/],
    [
      'a link to another page',
      'https://platform.example/verify/SQ320100000123',
      /not to a progress/,
    ],
    [
      'a progress link with a bad number',
      'https://platform.example/progress/SQ32-01',
      /wrong format/,
    ],
    [
      'a progress link with a query',
      'https://platform.example/progress/SQ320100000123?x=1',
      /query/,
    ],
    ['a resident code', 'K24-RESIDENT-CODE-5e1d7a', /neither/],
    [
      'a text longer than any receipt code',
      `https://x.example/progress/${'9'.repeat(600)}`,
      /longer/,
    ],
  ])('is refused for %s, saying why', (_what, text, why) => {
    const parsed = parseApplicationNumber(text);
    expect(parsed).toHaveProperty('problem');
    expect((parsed as { problem: string }).problem).toMatch(why);
  });
});

describe('a credit code read from a business licence', () => {
  it.each([
    [
      'a credit publicity link naming it in the query',
      `https://www.gsxt.gov.cn/index.html?uniscid=${CODE}`,
    ],
    ['a regional publicity link naming it in the path', `http://js.gsxt.gov.cn/corp/${CODE}.html`],
    ['the bare code', CODE],
  ])('is taken from %s', (_what, text) => {
    expect(parseCreditCode(text)).toEqual({ value: CODE });
  });

  it.each([
    ['a wrong check character, named', WRONG_CHECK, /check character/],
    [
      'a link to another site',
      `https://gsxt.gov.cn.example.com/?uniscid=${CODE}`,
      /not to the enterprise/,
    ],
    [
      'a publicity link naming no code',
      'https://www.gsxt.gov.cn/index.html',
      /names no credit code/,
    ],
    [
      'a publicity link naming two codes',
      `https://www.gsxt.gov.cn/${CODE}?c=${WRONG_CHECK}`,
      /more than one/,
    ],
    [
      'a publicity link with a wrong check character',
      `https://www.gsxt.gov.cn/?uniscid=${WRONG_CHECK}`,
      /check character/,
    ],
    ['an application number', 'SQ320100000123', /18 characters/],
  ])('is refused for %s', (_what, text, why) => {
    const parsed = parseCreditCode(text);
    expect((parsed as { problem: string }).problem).toMatch(why);
  });
});

/** A session runtime whose scanner shows `text` once `scanner.read` listens. */
function rig(text: string) {
  const lines: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const unused = (): never => {
    throw new Error('this test does not use that port');
  };
  const ports: CapabilityPorts = {
    kioskId: 'kiosk-test-1',
    platform: {} as CapabilityPorts['platform'],
    log,
    scanner: () => ({
      onCode: (listener) => {
        queueMicrotask(() => listener({ text, symbology: 'qr' } as never));
        return () => undefined;
      },
      onRefused: () => () => undefined,
    }),
    outOfService: () => [],
    readIdCard: unused,
    renderCertificate: unused,
    printDocument: unused,
    renderReceipt: unused,
    printReceipt: unused,
  };
  const runtime = createSessionRuntime(ports, 'session-1', new SimulatedClock());
  const read = (expect: string) =>
    runtime.run('scanner.read', { timeoutSeconds: 30, expect }, new AbortController().signal);
  return { read, lines };
}

describe('scanner.read with an expectation', () => {
  it('hands the flow a receipt application number as plain text', async () => {
    const { read } = rig('https://platform.example/progress/SQ320100000123');
    expect(await read('application-number')).toEqual({ applicationNo: 'SQ320100000123' });
  });

  it('hands the flow a licence credit code as plain text', async () => {
    const { read } = rig(`https://www.gsxt.gov.cn/index.html?uniscid=${CODE}`);
    expect(await read('credit-code')).toEqual({ creditCode: CODE });
  });

  it('fails flagged unsupported when a resident code is shown instead, logging why but not the text', async () => {
    const secret = 'K24-RESIDENT-CODE-SECRET-77e1';
    const { read, lines } = rig(secret);
    const failure = await read('application-number').catch((e: unknown) => e);
    expect(failure).toMatchObject({ unsupported: true });
    expect(String((failure as Error).message)).toMatch(/not an application number/);
    expect(lines.join('')).toContain('scanned code refused');
    expect(lines.join('')).not.toContain(secret);
  });

  it('fails flagged unsupported for a credit code with a wrong check character', async () => {
    const { read } = rig(WRONG_CHECK);
    const failure = await read('credit-code').catch((e: unknown) => e);
    expect(failure).toMatchObject({ unsupported: true });
    expect(String((failure as Error).message)).toMatch(/check character/);
  });

  it('still seals a resident code behind a handle by default', async () => {
    const { read } = rig('K24-RESIDENT-CODE-SECRET-77e1');
    const out = await read('resident-code');
    expect(out).toMatchObject({ code: expect.stringMatching(/^scan_/) as unknown, length: 29 });
  });

  it('refuses an expectation the catalogue does not know, flagged rejected', async () => {
    const { read } = rig('SQ320100000123');
    expect(await read('passport').catch((e: unknown) => e)).toMatchObject({ rejected: true });
  });
});
