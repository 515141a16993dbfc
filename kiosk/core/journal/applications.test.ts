import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardProfile } from '../../../drivers/id-card/profiles.ts';
import { silentLogger } from '../log.ts';
import { PlatformClient } from '../platform/client.ts';
import { startSandboxPlatform, type SandboxPlatform } from '../platform/sandbox/index.ts';
import {
  ApplicationDesk,
  ApplicationRefusedError,
  applicationNoOf,
  journalKeyOf,
  makeApplicationNo,
  type ApplicationBody,
} from './applications.ts';
import { OutboxSender } from './outbox-sender.ts';
import { isRefusal, platformSend } from './submissions.ts';
import { ManualClock, tempJournal, type TempJournal } from './testing.ts';

/** A ManualClock whose timers never fire on their own: the desk's wait ends when the sender is idle. */
class StillClock extends ManualClock {
  setTimeout(): unknown {
    return 0;
  }
  clearTimeout(): void {}
}

const PHONE = '13912345678';
const BANK_CARD = '6222020200112233445';

let sandbox: SandboxPlatform;
let client: PlatformClient;
let temp: TempJournal | undefined;
let sender: OutboxSender | undefined;
let desk: ApplicationDesk;

beforeAll(async () => {
  sandbox = await startSandboxPlatform();
  client = new PlatformClient({
    baseUrl: sandbox.baseUrl,
    kioskId: 'KIOSK-APP-01',
    timeoutMs: 2000,
  });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  sandbox.faults.set({ down: null });
  await sender?.stop();
  sender = undefined;
  temp?.cleanup();
});

function openDesk(): { temp: TempJournal; sender: OutboxSender } {
  const clock = new StillClock();
  const journal = tempJournal({ clock });
  const outbox = new OutboxSender(journal.journal, {
    send: (entry, signal) => platformSend(client, desk)(entry, signal),
    isRefusal,
    clock,
    log: silentLogger,
  });
  desk = new ApplicationDesk({
    journal: journal.journal,
    sender: outbox,
    clock,
    log: silentLogger,
    progressBase: `${sandbox.baseUrl}/`,
  });
  outbox.start();
  temp = journal;
  sender = outbox;
  return { temp: journal, sender: outbox };
}

async function application(fields: Record<string, string> = {}): Promise<ApplicationBody> {
  const li = cardProfile('resident-li');
  const verified = await client.verifyIdentity({
    idNumber: li.idNumber,
    name: li.name,
    cardType: li.cardType,
  });
  if (!verified.verified) throw new Error('the sandbox should know resident-li');
  return {
    flowId: 'bundle.retirement',
    bundleId: 'retirement',
    items: ['pension-claim'],
    fields: { retireDate: '20270101', bankAccount: BANK_CARD, phone: PHONE, ...fields },
    residentRef: verified.residentRef,
  };
}

async function progressStatus(applicationNo: string): Promise<number> {
  return (await fetch(`${sandbox.baseUrl}/progress/${applicationNo}`)).status;
}

describe('application numbers', () => {
  it('are KS, the Beijing date and 8 digits, and stored split so the journal takes them', () => {
    // 2026-11-30 20:00 UTC is already 1 December in Beijing.
    const no = makeApplicationNo(Date.UTC(2026, 10, 30, 20, 0), () => 1234);
    expect(no).toBe('KS2026120100001234');
    expect(journalKeyOf(no)).toBe('KS20261201-00001234');
    expect(applicationNoOf(journalKeyOf(no))).toBe(no);
  });
});

describe('the application desk', () => {
  it('files an application at once when the platform is there, under the kiosk-made number', async () => {
    const k = openDesk();
    const result = await desk.submit(await application());
    expect(result.sent).toBe(true);
    expect(result.applicationNo).toMatch(/^KS\d{16}$/);
    expect(result.progressUrl).toBe(`${sandbox.baseUrl}/progress/${result.applicationNo}`);
    expect(await progressStatus(result.applicationNo)).toBe(200);
    const [row] = k.temp.journal.outboxList();
    expect(row).toMatchObject({ kind: 'application', state: 'sent' });
  });

  it('keeps the typed numbers and the resident reference off the disk', async () => {
    const k = openDesk();
    const body = await application();
    sandbox.faults.set({ down: 'unavailable' });
    await desk.submit(body);
    for (const file of [k.temp.path, `${k.temp.path}-wal`]) {
      const bytes = readFileSync(file).toString('latin1');
      for (const secret of [PHONE, BANK_CARD, body.residentRef])
        expect({ file, secret, found: bytes.includes(secret) }).toMatchObject({ found: false });
    }
  });

  it('gives the number and its progress address while the platform is away, and sends it once it is back', async () => {
    const k = openDesk();
    const body = await application();
    sandbox.faults.set({ down: 'unavailable' });
    const result = await desk.submit(body);
    expect(result.sent).toBe(false);
    expect(result.progressUrl).toBe(`${sandbox.baseUrl}/progress/${result.applicationNo}`);
    expect(k.temp.journal.outboxList()[0]).toMatchObject({ kind: 'application', state: 'pending' });

    sandbox.faults.set({ down: null });
    k.sender.kick();
    await k.sender.idle();
    expect(k.temp.journal.outboxList()[0]).toMatchObject({ state: 'sent' });
    expect(await progressStatus(result.applicationNo)).toBe(200);
  });

  it('tells the resident at once when the platform refuses the application', async () => {
    const k = openDesk();
    await expect(desk.submit(await application({ phone: '' }))).rejects.toBeInstanceOf(
      ApplicationRefusedError,
    );
    const [row] = k.temp.journal.outboxList();
    expect(row).toMatchObject({ kind: 'application', state: 'pending' });
    expect(row?.lastError).toContain('refused');
  });

  it('refuses to send an application whose details a restart took away, saying why', async () => {
    const k = openDesk();
    const entry = k.temp.journal.enqueue(
      'application',
      {
        flowId: 'bundle.newborn',
        operation: 'application.submit',
        platformRef: 'KS20250106-00000001',
      },
      { idempotencyKey: 'KS20250106-00000001' },
    );
    const sending = desk.send(client, entry, new AbortController().signal);
    await expect(sending).rejects.toThrow(/kiosk restarted/);
    expect(isRefusal(await sending.catch((e: unknown) => e))).toBe(true);
  });
});
