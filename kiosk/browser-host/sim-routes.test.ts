import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScriptedCore } from '../../test/support/browser.ts';
import { startBrowserHost, type BrowserHost } from './host.ts';
import type { FaultTarget, SimulatorState } from '../contract.ts';
import type { PlatformFaultChange, SimulatorControl } from '../core/simulator-control.ts';

/** A simulator that records calls and says no to an unknown card, as a real one would. */
class RecordingSimulator implements SimulatorControl {
  calls: unknown[][] = [];
  private inserted: string | null = null;
  private readonly cards = [{ id: 'resident-a', label: 'Resident A' }];

  state(): Promise<SimulatorState> {
    return Promise.resolve({
      cards: this.cards,
      insertedCard: this.inserted,
      receiptPaper: 'ok',
      documentPaper: 'low',
      devices: [],
    });
  }
  insertCard(profileId: string): Promise<void> {
    this.calls.push(['insertCard', profileId]);
    if (!this.cards.some((card) => card.id === profileId)) {
      return Promise.reject(new Error(`no card profile "${profileId}"`));
    }
    this.inserted = profileId;
    return Promise.resolve();
  }
  removeCard(): Promise<void> {
    this.calls.push(['removeCard']);
    this.inserted = null;
    return Promise.resolve();
  }
  scanCode(text: string): Promise<void> {
    this.calls.push(['scanCode', text]);
    return Promise.resolve();
  }
  showResidentCode(profileId: string, options: { expired?: boolean }): Promise<void> {
    this.calls.push(['showResidentCode', profileId, options]);
    if (!this.cards.some((card) => card.id === profileId)) {
      return Promise.reject(new Error(`no resident code for "${profileId}"`));
    }
    return Promise.resolve();
  }
  setPaper(printer: 'receipt' | 'document', state: string): Promise<void> {
    this.calls.push(['setPaper', printer, state]);
    return Promise.resolve();
  }
  fault(device: FaultTarget, fault: string): Promise<void> {
    this.calls.push(['fault', device, fault]);
    return Promise.resolve();
  }
  platform(change: PlatformFaultChange): Promise<void> {
    this.calls.push(['platform', change]);
    return Promise.resolve();
  }
}

describe('the simulator API of the browser host', () => {
  let dir: string;
  let host: BrowserHost;
  let sim: RecordingSimulator;
  let origin: string;

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(path, host.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: string } };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-sim-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    mkdirSync(join(dir, 'sim-panel'));
    writeFileSync(
      join(dir, 'sim-panel', 'index.html'),
      '<!doctype html><title>panel</title><script type="module" src="../assets/sim.js"></script>',
    );
    sim = new RecordingSimulator();
    host = await startBrowserHost({ core: createScriptedCore(), sim, rendererDir: dir });
    origin = host.url.slice(0, -1);
  });
  beforeEach(() => {
    sim.calls = [];
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the simulator state as JSON', async () => {
    await post('/sim/card/insert', { profile: 'resident-a' });
    const response = await fetch(new URL('sim/state', host.url));
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toMatchObject({
      insertedCard: 'resident-a',
      documentPaper: 'low',
    });
  });

  it('passes each valid command on to the simulator', async () => {
    expect((await post('/sim/card/insert', { profile: 'resident-a' })).status).toBe(200);
    expect((await post('/sim/card/remove', {})).status).toBe(200);
    expect((await post('/sim/scan', { text: 'JSFWM:123' })).status).toBe(200);
    expect((await post('/sim/resident-code', { profile: 'resident-a' })).status).toBe(200);
    expect(
      (await post('/sim/resident-code', { profile: 'resident-a', expired: true })).status,
    ).toBe(200);
    expect((await post('/sim/paper', { printer: 'receipt', state: 'near-end' })).status).toBe(200);
    expect((await post('/sim/fault', { device: 'idcard', fault: 'no-response' })).status).toBe(200);
    expect((await post('/sim/platform', { down: 'unavailable', delayMs: 3000 })).status).toBe(200);
    expect((await post('/sim/platform', { clear: true, down: null })).status).toBe(200);
    expect(sim.calls).toEqual([
      ['insertCard', 'resident-a'],
      ['removeCard'],
      ['scanCode', 'JSFWM:123'],
      ['showResidentCode', 'resident-a', { expired: false }],
      ['showResidentCode', 'resident-a', { expired: true }],
      ['setPaper', 'receipt', 'near-end'],
      ['fault', 'idcard', 'no-response'],
      ['platform', { down: 'unavailable', delayMs: 3000 }],
      ['platform', { clear: true, down: null }],
    ]);
  });

  it('accepts a bare POST for a command without arguments', async () => {
    const response = await fetch(new URL('sim/card/remove', host.url), { method: 'POST' });
    expect(response.status).toBe(200);
    expect(sim.calls).toEqual([['removeCard']]);
  });

  it.each([
    ['/sim/card/insert', {}, 'field "profile"'],
    ['/sim/card/insert', { profile: 42 }, 'field "profile"'],
    ['/sim/card/insert', { profile: 'a', extra: 1 }, 'unexpected field "extra"'],
    ['/sim/scan', { text: '' }, 'field "text": must not be empty'],
    ['/sim/resident-code', {}, 'field "profile"'],
    ['/sim/resident-code', { profile: '' }, 'field "profile": must not be empty'],
    ['/sim/resident-code', { profile: 'a', expired: 'yes' }, 'field "expired": must be true or'],
    ['/sim/resident-code', { profile: 'a', code: 'x' }, 'unexpected field "code"'],
    ['/sim/paper', { printer: 'receipt', state: 'low' }, 'field "state"'],
    ['/sim/paper', { printer: 'label', state: 'ok' }, 'field "printer"'],
    ['/sim/fault', { device: 'idcard', fault: '<script>' }, 'field "fault"'],
    ['/sim/fault', { device: 'camera', fault: 'x' }, 'field "device"'],
    ['/sim/platform', {}, 'name at least one of clear, down, delayMs, failNext'],
    ['/sim/platform', { down: 'timeout' }, 'field "down": must be one of unavailable, http-500'],
    ['/sim/platform', { delayMs: -5 }, 'field "delayMs": must be 0 or more'],
    ['/sim/platform', { delayMs: 200_000 }, 'field "delayMs": must be at most 120000'],
    ['/sim/platform', { count: 2 }, 'field "count": needs "failNext"'],
    ['/sim/platform', { failNext: 'explode' }, 'field "failNext"'],
    ['/sim/platform', { clear: false }, 'field "clear": must be true'],
    ['/sim/platform', { slow: 1 }, 'unexpected field "slow"'],
    ['/sim/scan', '{"text":', 'not valid JSON'],
    ['/sim/scan', '[1]', 'the request body'],
  ])('answers 400 naming the problem for %s %j', async (path, body, expected) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toContain(expected);
    expect(sim.calls).toEqual([]);
  });

  it('answers 409 with the simulator’s own message when it refuses a command', async () => {
    const response = await post('/sim/card/insert', { profile: 'nobody' });
    expect(response).toEqual({ status: 409, body: { error: 'no card profile "nobody"' } });
  });

  it('answers 409 when the simulator cannot show a resident code for the profile', async () => {
    const response = await post('/sim/resident-code', { profile: 'nobody' });
    expect(response).toEqual({ status: 409, body: { error: 'no resident code for "nobody"' } });
  });

  it('answers 413 for a body over 16 KB without calling the simulator', async () => {
    const response = await post('/sim/scan', { text: 'x'.repeat(17 * 1024) });
    expect(response.status).toBe(413);
    expect(sim.calls).toEqual([]);
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    const response = await fetch(new URL('sim/scan', host.url), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"text":"x"}',
    });
    expect(response.status).toBe(415);
    expect(sim.calls).toEqual([]);
  });

  it('refuses a command posted from a page of another origin', async () => {
    const response = await post('/sim/scan', { text: 'x' }, { Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(sim.calls).toEqual([]);
  });

  it('accepts a command posted from its own panel', async () => {
    const response = await post('/sim/scan', { text: 'x' }, { Origin: origin });
    expect(response.status).toBe(200);
  });

  it('answers 405 naming the method to use', async () => {
    const response = await fetch(new URL('sim/scan', host.url));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('serves the panel page at /sim under the same CSP, and only there', async () => {
    const page = await fetch(new URL('sim', host.url));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>panel</title>');
    expect((await fetch(new URL('sim-panel/index.html', host.url))).status).toBe(404);
  });
});
