import { describe, expect, it } from 'vitest';
import { tempJournal } from '../journal/testing.ts';
import { infoScreen } from './screens.ts';
import { setup, texts, fieldsAfter } from './testing/mode-harness.ts';

describe('maintenance mode', () => {
  it('opens on the PIN screen with the digits shown as dots only', async () => {
    const t = setup();
    t.mode.request();
    await t.press('maintenance.pin.digit', { digit: '2' });
    await t.press('maintenance.pin.digit', { digit: '4' });
    expect(t.screen().id).toBe('maintenance/pin');
    expect(texts(t.screen())).toContain('●●');
    expect(texts(t.screen())).not.toMatch(/"text":"[^"]*24/);
  });

  it('says how many attempts are left after a wrong PIN, then opens the overview on the right one', async () => {
    const t = setup();
    t.mode.request();
    await t.enter('1234');
    expect(t.screen().tone).toBe('error');
    expect(texts(t.screen())).toContain('Wrong PIN. 4 attempts left.');
    await t.enter('246810');
    expect(t.screen().id).toBe('maintenance/overview');
  });

  it('locks the keypad after five wrong PINs and says for how long', async () => {
    const t = setup();
    t.mode.request();
    for (let i = 0; i < 5; i++) await t.enter('1111');
    const screen = t.screen();
    expect(texts(screen)).toContain('try again in 60 seconds');
    const keypad = screen.blocks.find((b) => b.kind === 'choices');
    expect(keypad?.kind === 'choices' && keypad.choices.every((c) => c.disabled === true)).toBe(
      true,
    );
  });

  it('lists every device with status, paper, kind, and why a missing one is missing', async () => {
    const t = setup();
    t.mode.request();
    await t.enter('246810');
    const screen = t.screen();
    expect(fieldsAfter(screen, 'Receipt printer')).toMatchObject({
      Status: 'Online',
      Paper: 'OK',
      Kind: 'Simulated',
    });
    expect(fieldsAfter(screen, 'ID card reader')).toMatchObject({ Status: 'Online' });
    expect(fieldsAfter(screen, 'QR scanner')).toMatchObject({
      Status: 'Not open',
      Detail: 'no QR scanner is configured',
    });
    t.a4.set('out');
    expect(fieldsAfter(t.screen(), 'A4 printer')).toMatchObject({ Paper: 'Out' });
  });

  it('runs a self-test and reports its outcome, failures included', async () => {
    const t = setup();
    t.mode.request();
    await t.enter('246810');
    await t.press('maintenance.selftest', { device: 'idCardReader' });
    expect(t.idCard.selfTests).toBe(1);
    expect(texts(t.screen())).toContain('Done: Self-test: ID card reader');
    t.a4.failWith = new Error('the document printer is out of paper');
    await t.press('maintenance.paper.refilled', { device: 'documentPrinter' });
    expect(texts(t.screen())).toContain(
      'Failed: Paper refilled: A4 printer: the document printer is out of paper',
    );
    expect(t.screen().tone).toBe('warning');
  });

  it('prints a receipt test page', async () => {
    const t = setup();
    t.mode.request();
    await t.enter('246810');
    await t.press('maintenance.test.print');
    expect(t.receipt.printed).toEqual([new Uint8Array([0x1b, 0x40])]);
  });

  it('after paper refilled, leaves an interrupted receipt for the technician to reprint or abandon', async () => {
    const t = setup();
    t.mode.request();
    await t.enter('246810');
    t.receipt.interruptNext = true;
    await t.press('maintenance.test.print');
    await t.press('maintenance.paper.refilled', { device: 'receiptPrinter' });
    expect(t.receipt.pendingJob()).toEqual({ jobId: 7 });
    const ids = JSON.stringify(
      t.screen().blocks.map((b) => (b.kind === 'choices' ? b.choices.map((c) => c.id) : [])),
    );
    expect(ids).toContain('pending-resume');
    expect(ids).toContain('pending-abandon');
    expect(ids).not.toContain('test-print-receipt');
    await t.press('maintenance.pending.abandon');
    expect(t.receipt.pendingJob()).toBeUndefined();
    expect(texts(t.screen())).toContain('Done: Abandon the interrupted receipt (job 7)');
  });

  it('shows the kiosk id, platform URL, services and software version', async () => {
    const t = setup();
    t.mode.request();
    await t.enter('246810');
    await t.press('maintenance.info');
    expect(t.screen().blocks[0]).toEqual({
      kind: 'fields',
      rows: [
        { label: 'Kiosk id', value: 'K-1' },
        { label: 'Service platform URL', value: 'http://127.0.0.1:1/' },
        { label: 'Services installed', value: 'si-payment-certificate 1.0.0' },
        { label: 'Software version', value: '9.9.9' },
      ],
    });
  });

  it("logs every action as the technician's, never the PIN", async () => {
    const t = setup();
    t.mode.request();
    await t.enter('999999');
    await t.enter('246810');
    await t.press('maintenance.selftest', { device: 'idCardReader' });
    await t.press('maintenance.exit');
    expect(t.logs.every((entry) => entry.who === 'technician')).toBe(true);
    expect(t.logs.map((entry) => entry.action)).toEqual([
      'open',
      'pin',
      'pin',
      'Self-test: ID card reader',
      'close',
    ]);
    expect(JSON.stringify(t.logs)).not.toMatch(/999999|246810/);
  });

  it('closes after the idle timeout, and exit closes it at once', async () => {
    const t = setup();
    t.mode.request();
    await t.enter('246810');
    t.clock.fire();
    expect(t.mode.isOpen()).toBe(false);
    t.mode.request();
    await t.press('maintenance.exit');
    expect(t.mode.isOpen()).toBe(false);
  });

  it('puts every entry, wrong PIN, lockout, action and exit on the audit chain', async () => {
    const temp = tempJournal();
    try {
      const h = setup({ audit: temp.journal });
      h.mode.request();
      for (let i = 0; i < 5; i++) await h.enter('111111');
      const kinds = (): string[] => temp.journal.auditEntries().map((e) => e.kind);
      expect(kinds()).toEqual(['pin.wrong', 'pin.wrong', 'pin.wrong', 'pin.wrong', 'pin.lockout']);
      h.mode.close('done');
      expect(kinds()).toHaveLength(5);

      const fresh = setup({ audit: temp.journal });
      fresh.mode.request();
      await fresh.enter('246810');
      await fresh.press('maintenance.selftest', { device: 'documentPrinter' });
      fresh.mode.close('idle timeout');
      expect(kinds().slice(5)).toEqual([
        'maintenance.entered',
        'maintenance.action',
        'maintenance.exited',
      ]);
      const action = temp.journal.auditEntries().find((e) => e.kind === 'maintenance.action');
      expect(action?.detail).toEqual({
        action: 'maintenance.selftest',
        target: 'documentPrinter',
        result: 'ok',
      });
      expect(temp.journal.verifyAudit()).toMatchObject({ ok: true, entries: 8 });
    } finally {
      temp.cleanup();
    }
  });

  it('shows the technician what the journal holds: unsent, dead, cut-off prints and a broken chain', () => {
    const view = infoScreen('en', {
      kioskId: 'K-1',
      platformUrl: 'http://127.0.0.1:1/',
      flows: [],
      version: '1',
      records: {
        pending: 3,
        dead: 1,
        unconfirmedPrints: [{ id: 3, text: 'document si-payment-certificate 王*英' }],
        audit: {
          ok: false,
          entries: 9,
          algorithm: 'sm3',
          firstBroken: { seq: 4, reason: 'hash mismatch' },
        },
      },
    });
    const text = texts(view);
    expect(text).toContain('3 waiting, 1 dead');
    expect(text).toContain('document si-payment-certificate 王*英');
    expect(text).toContain('broken from entry 4: hash mismatch');
    expect(text).toContain('"event":"maintenance.print.abandoned","data":{"print":3}');
  });

  it('lets the technician settle a print a crash left unconfirmed, from the info page', async () => {
    const resolved: [number, string][] = [];
    const h = setup({
      info: () => ({
        kioskId: 'K-1',
        platformUrl: '',
        flows: [],
        version: '1',
        records: {
          pending: 0,
          dead: 0,
          unconfirmedPrints: [{ id: 5, text: 'receipt si-certificate-receipt' }],
          audit: { ok: true, entries: 1, algorithm: 'sm3', firstBroken: null },
        },
      }),
      resolvePrint: (id, resolution) => resolved.push([id, resolution]),
    });
    h.mode.request();
    await h.enter('246810');
    await h.press('maintenance.info');
    expect(texts(h.screen())).toContain('Came out whole: receipt si-certificate-receipt');
    h.mode.action('maintenance.print.confirmed', { print: 5 });
    expect(resolved).toEqual([[5, 'confirmed']]);
  });
});
