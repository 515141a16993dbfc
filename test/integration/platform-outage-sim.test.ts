import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../kiosk/browser-host/host.ts';
import type { SimulatorState } from '../../kiosk/contract.ts';
import { parseConfig } from '../../kiosk/core/config/index.ts';
import { startKiosk, type RunningKiosk } from '../../kiosk/core/kiosk.ts';
import { PlatformClient } from '../../kiosk/core/platform/client.ts';
import { createScriptedCore } from '../support/browser.ts';
import { platformFailure as failure } from '../../kiosk/core/platform/testing.ts';
import { budget } from '../support/time.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// A kiosk with the embedded defaults (sandbox platform, built-in flows) behind the browser
// host, so the platform is taken down and brought back exactly as the /sim panel does it.
let kiosk: RunningKiosk;
let host: BrowserHost;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-outage-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const config = parseConfig(
    {
      devices: { documentPrinter: { mode: 'simulated', outputDir: dir } },
      journal: { path: join(dir, 'journal.sqlite') },
    },
    { cwd: repoRoot },
  );
  kiosk = await startKiosk(config, pino({ level: 'silent' }));
  host = await startBrowserHost({ core: createScriptedCore(), sim: kiosk.sim, rendererDir: dir });
});
afterEach(async () => {
  await sim({ clear: true });
});
afterAll(async () => {
  await host?.close();
  await kiosk?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sim(body: Record<string, unknown>): Promise<{ status: number; error?: string }> {
  const response = await fetch(new URL('sim/platform', host.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const reply = (await response.json()) as { error?: string };
  return { status: response.status, ...reply };
}

async function platformState(): Promise<SimulatorState['platform']> {
  const response = await fetch(new URL('sim/state', host.url));
  return ((await response.json()) as SimulatorState).platform;
}

/** A client of the kiosk's sandbox; the default timeout is a budget every answer must meet. */
function client(timeoutMs = budget(2000)): PlatformClient {
  return new PlatformClient({ baseUrl: kiosk.platformUrl, kioskId: 'kiosk-outage-01', timeoutMs });
}

describe('the sandbox platform of a kiosk with embedded defaults', () => {
  it('takes ratings for the built-in flow, whose id the kiosk registered after start', async () => {
    const receipt = await client().submitRating({
      serviceId: 'si-payment-certificate',
      score: 5,
      sessionRef: 'sess-builtin',
      idempotencyKey: 'outage-test-0001',
    });
    expect(receipt.ratingId).toMatch(/^PJ/);
  });
});

describe('the platform taken away through POST /sim/platform', () => {
  it('drops every request until told to come back, while its control endpoints still answer', async () => {
    expect((await sim({ down: 'unavailable' })).status).toBe(200);
    expect(await platformState()).toMatchObject({ down: 'unavailable' });
    for (let i = 0; i < 3; i++) {
      expect(await failure(client().health())).toMatchObject({
        unavailable: true,
        code: 'unreachable',
      });
    }
    const control = await fetch(`${kiosk.platformUrl}/sandbox/ratings`);
    expect(control.status).toBe(200);
    expect((await sim({ down: null })).status).toBe(200);
    expect((await client().health()).status).toBe('ok');
  });

  it('fails every request with HTTP 500 until cleared', async () => {
    await sim({ down: 'http-500' });
    for (let i = 0; i < 3; i++) {
      expect(await failure(client().health())).toMatchObject({ unavailable: true, status: 500 });
    }
    await sim({ clear: true });
    expect(await platformState()).toEqual({ down: null, delayMs: 0, failNext: null, remaining: 0 });
    expect((await client().health()).status).toBe('ok');
  });

  it('fails only the next N requests with failNext and count', async () => {
    await sim({ failNext: 'http-500', count: 2 });
    // A GET retries once, so one call uses up both failures.
    expect(await failure(client().applicationProgress('SQ320100000123'))).toMatchObject({
      status: 500,
    });
    expect((await client().health()).status).toBe('ok');
  });

  it('comes back slowly with a delay on every reply', async () => {
    await sim({ delayMs: 300 });
    const started = Date.now();
    expect((await client().health()).status).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // Meant to expire: no answer can come before the 300 ms delay, however idle the machine.
    expect(
      await failure(
        client(100).submitRating({ serviceId: 'general', score: 4, sessionRef: 'slow' }),
      ),
    ).toMatchObject({ timeout: true });
  });

  it('refuses a change it cannot make, leaving the faults as they were', async () => {
    await sim({ delayMs: 20 });
    const refused = await sim({ clear: true, down: 'timeout' });
    expect(refused.status).toBe(400);
    expect(refused.error).toContain('field "down"');
    expect(await platformState()).toMatchObject({ delayMs: 20, down: null });
  });

  it('is refused by the control itself when a count has no failure, changing nothing', async () => {
    await sim({ delayMs: 20 });
    await expect(kiosk.sim.platform({ clear: true, count: 3 })).rejects.toThrow(
      /"count" needs "failNext"/,
    );
    expect(await platformState()).toMatchObject({ delayMs: 20 });
  });
});
