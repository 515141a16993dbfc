import { describe, expect, it } from 'vitest';
import { tempJournal } from '../journal/testing.ts';
import { ROLLBACK_EVENT } from './flows.ts';
import { BUILT_IN_ROW, INSTALLED_ROW, fieldsAfter, setup, texts } from './testing/mode-harness.ts';
import { infoScreen } from './screens.ts';

describe('maintenance: installed flows', () => {
  it('shows every flow with version, source, signer, installed-at and previous version, and offers roll-back only where there is a previous installed version', () => {
    const view = infoScreen('en', {
      kioskId: 'K-1',
      platformUrl: '',
      flows: [BUILT_IN_ROW, INSTALLED_ROW],
      version: '1',
    });
    expect(fieldsAfter(view, 'Queue ticket (hf-queue-ticket)')).toEqual({
      Version: '2.1.0',
      Source: 'Installed',
      'Signed by': 'suzhou-vendor',
      'Installed at': '2025-03-01T08:00:00.000Z',
      'Previous version': '2.0.0',
    });
    expect(fieldsAfter(view, 'si-payment-certificate')).toMatchObject({
      Source: 'Built-in',
      'Previous version': 'None',
    });
    const buttons = view.blocks.flatMap((b) => (b.kind === 'choices' ? b.choices : []));
    expect(buttons.filter((b) => b.event === ROLLBACK_EVENT)).toEqual([
      {
        id: 'rollback-hf-queue-ticket',
        label: 'Roll hf-queue-ticket back to 2.0.0',
        event: ROLLBACK_EVENT,
        data: { flow: 'hf-queue-ticket' },
        kind: 'danger',
      },
    ]);
  });

  it('rolls an installed flow back from the info page, audits it as a technician action and says when it is served', async () => {
    const temp = tempJournal();
    try {
      let row = INSTALLED_ROW;
      const rolled: string[] = [];
      const h = setup({
        audit: temp.journal,
        info: () => ({ kioskId: 'K-1', platformUrl: '', flows: [BUILT_IN_ROW, row], version: '1' }),
        rollbackFlow: (id) => {
          rolled.push(id);
          row = { ...row, version: '2.0.0', previous: '2.1.0' };
          return Promise.resolve({ from: '2.1.0', to: '2.0.0' });
        },
      });
      h.mode.request();
      await h.enter('246810');
      await h.press('maintenance.info');
      await h.press(ROLLBACK_EVENT, { flow: 'hf-queue-ticket' });
      expect(rolled).toEqual(['hf-queue-ticket']);
      const screen = h.screen();
      expect(texts(screen)).toContain(
        'Rolled hf-queue-ticket back: 2.1.0 → 2.0.0; served when maintenance ends',
      );
      // The kiosk still serves 2.1.0 until maintenance ends, and the page says so.
      expect(texts(screen)).toContain('2.0.0 (served when maintenance ends; 2.1.0 until then)');
      const action = temp.journal.auditEntries().find((e) => e.kind === 'maintenance.action');
      expect(action?.detail).toEqual({
        action: ROLLBACK_EVENT,
        target: 'hf-queue-ticket',
        result: 'ok',
      });
      expect(h.logs).toContainEqual(
        expect.objectContaining({ who: 'technician', action: 'roll back hf-queue-ticket' }),
      );
    } finally {
      temp.cleanup();
    }
  });

  it('rolls back nothing the page did not offer, and shows a refused roll-back as failed', async () => {
    const rolled: string[] = [];
    const h = setup({
      info: () => ({
        kioskId: 'K-1',
        platformUrl: '',
        flows: [BUILT_IN_ROW, INSTALLED_ROW],
        version: '1',
      }),
      rollbackFlow: (id) => {
        rolled.push(id);
        return Promise.reject(new Error('another install or rollback is running (process 42)'));
      },
    });
    h.mode.request();
    await h.enter('246810');
    await h.press(ROLLBACK_EVENT, { flow: 'hf-queue-ticket' });
    await h.press('maintenance.info');
    await h.press(ROLLBACK_EVENT, { flow: 'si-payment-certificate' });
    await h.press(ROLLBACK_EVENT, { flow: 'no-such-flow' });
    expect(rolled).toEqual([]);
    await h.press(ROLLBACK_EVENT, { flow: 'hf-queue-ticket' });
    expect(rolled).toEqual(['hf-queue-ticket']);
    expect(h.screen().tone).toBe('warning');
    expect(texts(h.screen())).toContain(
      'Rolling hf-queue-ticket back failed: another install or rollback is running (process 42)',
    );
  });
});
