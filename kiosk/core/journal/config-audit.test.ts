import { afterEach, describe, expect, it } from 'vitest';
import { auditConfigChanges } from './config-audit.ts';
import { tempJournal, type TempJournal } from './testing.ts';

let temp: TempJournal;
afterEach(() => temp.cleanup());

describe('config changes on the audit chain', () => {
  it('records the first config silently, then names every changed key and never a value', () => {
    temp = tempJournal();
    const first = { kioskId: 'K-1', platform: { baseUrl: 'https://a.example', timeoutMs: 8000 } };
    expect(auditConfigChanges(temp.journal, first)).toEqual([]);
    expect(temp.journal.auditEntries()).toHaveLength(0);

    const second = {
      kioskId: 'K-1',
      platform: { baseUrl: 'https://b.example', timeoutMs: 8000 },
      site: 'new',
    };
    expect(auditConfigChanges(temp.journal, second)).toEqual(['platform.baseUrl', 'site']);
    const [entry] = temp.journal.auditEntries();
    expect(entry).toMatchObject({
      kind: 'config.changed',
      detail: { keys: 'platform.baseUrl,site', source: 'file' },
    });
    expect(JSON.stringify(temp.journal.auditEntries())).not.toContain('b.example');

    expect(auditConfigChanges(temp.reopen(), second)).toEqual([]);
    expect(temp.journal.auditEntries()).toHaveLength(1);
    expect(temp.journal.verifyAudit()).toMatchObject({ ok: true, entries: 1 });
  });

  it('names removed keys too, and falls back to sections when the list is too long', () => {
    temp = tempJournal();
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`flowSetting${i}`, i]));
    auditConfigChanges(temp.journal, { devices: many, site: 'a' });
    auditConfigChanges(temp.journal, { devices: {}, site: 'a' });
    expect(temp.journal.auditEntries()[0]?.detail).toEqual({ keys: 'devices', source: 'file' });
  });
});
