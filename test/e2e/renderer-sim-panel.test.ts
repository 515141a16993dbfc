import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../kiosk/browser-host/host.ts';
import type { FaultTarget, SimulatorState } from '../../kiosk/contract.ts';
import type { PlatformFaultChange, SimulatorControl } from '../../kiosk/core/simulator-control.ts';
import {
  buildRenderer,
  graveViolations,
  createScriptedCore,
  launchChromium,
  saveScreenshot,
} from '../support/browser.ts';
import { budget } from '../support/time.ts';

/** A simulator with two cards that records every lever pulled; a fault named "refuse" fails. */
class PanelSimulator implements SimulatorControl {
  calls: string[] = [];
  private card: string | null = null;
  private receipt: SimulatorState['receiptPaper'] = 'ok';

  state(): Promise<SimulatorState> {
    return Promise.resolve({
      cards: [
        { id: 'resident-a', label: 'Resident A' },
        { id: 'permit-b', label: 'Permit holder B' },
      ],
      insertedCard: this.card,
      receiptPaper: this.receipt,
      documentPaper: 'ok',
      devices: [
        {
          id: 'receipt-1',
          deviceClass: 'receiptPrinter',
          status: 'online',
          supplies: { paper: this.receipt === 'out' ? 'out' : 'full' },
          detail: 'simulated',
          simulated: true,
        },
      ],
    });
  }
  insertCard(profileId: string): Promise<void> {
    this.calls.push(`insert ${profileId}`);
    this.card = profileId;
    return Promise.resolve();
  }
  removeCard(): Promise<void> {
    this.calls.push('remove');
    this.card = null;
    return Promise.resolve();
  }
  scanCode(text: string): Promise<void> {
    this.calls.push(`scan ${text}`);
    return Promise.resolve();
  }
  showResidentCode(profileId: string, options: { expired?: boolean }): Promise<void> {
    this.calls.push(`resident-code ${profileId}${options.expired === true ? ' expired' : ''}`);
    return Promise.resolve();
  }
  setPaper(printer: 'receipt' | 'document', state: string): Promise<void> {
    this.calls.push(`paper ${printer} ${state}`);
    if (printer === 'receipt') this.receipt = state as SimulatorState['receiptPaper'];
    return Promise.resolve();
  }
  fault(device: FaultTarget, fault: string): Promise<void> {
    this.calls.push(`fault ${device} ${fault}`);
    return fault === 'refuse'
      ? Promise.reject(new Error('the reader cannot take that fault now'))
      : Promise.resolve();
  }
  platform(change: PlatformFaultChange): Promise<void> {
    this.calls.push(`platform ${JSON.stringify(change)}`);
    return Promise.resolve();
  }
}

describe('the simulator panel in Chromium', () => {
  let dir: string;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  const sim = new PanelSimulator();
  const cspErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-e2e-sim-'));
    buildRenderer(dir);
    host = await startBrowserHost({ core: createScriptedCore(), sim, rendererDir: dir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Playwright's default for every click and wait, stretched by the time scale.
    page.setDefaultTimeout(budget(30_000));
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspErrors.push(message.text());
    });
    await page.goto(new URL('sim', host.url).href);
    await page.getByRole('button', { name: 'Insert Resident A' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the simulator’s cards and devices under the strict CSP', async () => {
    expect(await page.getByRole('button', { name: 'Insert Permit holder B' }).count()).toBe(1);
    expect(await page.locator('#devices tr').first().textContent()).toContain('receipt-1');
    const grave = await graveViolations(page);
    expect(grave).toEqual([]);
    expect(cspErrors).toEqual([]);
  });

  it('inserts and removes a card', async () => {
    await page.getByRole('button', { name: 'Insert Resident A' }).click();
    await expect.poll(() => page.locator('#inserted-card').textContent()).toBe('resident-a');
    await page.getByRole('button', { name: 'Remove card' }).click();
    await expect.poll(() => page.locator('#inserted-card').textContent()).toBe('none');
    expect(sim.calls.slice(-2)).toEqual(['insert resident-a', 'remove']);
  });

  it('scans a typed code and sets the paper state', async () => {
    await page.getByLabel('Code text').fill('JSFWM:0001');
    await page.getByRole('button', { name: 'Scan' }).click();
    await expect.poll(() => sim.calls.at(-1)).toBe('scan JSFWM:0001');
    await page.getByRole('button', { name: 'receipt: out' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'receipt: out' }).getAttribute('aria-pressed'))
      .toBe('true');
    await saveScreenshot(page, 'sim-panel');
  });

  it('shows the chosen resident’s phone code, fresh or expired', async () => {
    const show = page.getByRole('button', { name: '出示居民码 / Show resident code' });
    await page.getByLabel('Resident', { exact: true }).selectOption('permit-b');
    await show.click();
    await expect.poll(() => sim.calls.at(-1)).toBe('resident-code permit-b');
    await page.getByLabel('Expired').check();
    await show.click();
    await expect.poll(() => sim.calls.at(-1)).toBe('resident-code permit-b expired');
    // Every command re-renders the panel from the simulator state; the choice must survive it.
    await expect.poll(() => page.locator('#result').textContent()).toBe('/sim/resident-code: done');
    expect(await page.getByLabel('Resident', { exact: true }).inputValue()).toBe('permit-b');
  });

  it('shows the simulator’s reason when it refuses a fault', async () => {
    await page.getByLabel('Device', { exact: true }).selectOption('idcard');
    await page.getByLabel('Fault', { exact: true }).fill('refuse');
    await page.getByRole('button', { name: 'Inject' }).click();
    await expect
      .poll(() => page.locator('#result').textContent())
      .toBe('/sim/fault: the reader cannot take that fault now');
    expect(cspErrors).toEqual([]);
  });
});
