import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { DeviceError } from '../../../drivers/device/errors.ts';
import { CapabilityError } from '../capabilities/errors.ts';
import { provideSession, type CapabilityRuntime } from './build-machine.ts';
import { loadFlowPackage } from './load-package.ts';
import { renderFlowScreen } from './screen-view.ts';

const FLOW_DIR = join(import.meta.dirname, '../../../flows/si-payment-certificate');

const resident = {
  holder: 'holder_2',
  source: 'card',
  nameMasked: '李*华',
  idNumberMasked: '320106********123X',
  cardType: 'resident',
  ageBand: 'senior',
};
const codeResident = {
  source: 'qr',
  holder: 'holder_1',
  name: '王秀英',
  nameMasked: '王*英',
  idNumberMasked: '110101********2046',
  cardType: 'resident',
};

/** A capability runtime whose answers each test scripts, recording every call. */
function scriptedRuntime(answers: Partial<Record<string, (input: unknown) => Promise<unknown>>>) {
  const calls: { name: string; input: unknown }[] = [];
  const runtime: CapabilityRuntime = {
    run: (name, input) => {
      calls.push({ name, input });
      const answer = answers[name];
      return answer ? answer(input) : Promise.reject(new Error(`unscripted ${name}`));
    },
  };
  return { runtime, calls };
}

const happy = {
  'idcard.read': () => Promise.resolve(resident),
  'platform.call': () =>
    Promise.resolve({ region: '南京市', employer: '示例单位', monthCount: 12 }),
  'print.certificate': () =>
    Promise.resolve({
      certificateNo: 'SI-1',
      verificationCode: 'ABC',
      verifyUrl: 'http://x/verify/ABC',
    }),
  'print.receipt': () => Promise.resolve({ printed: true }),
};

/** Starts the flow and picks the ID card on its first screen, as a resident with a card does. */
function startWithCard(runtime: CapabilityRuntime) {
  const actor = createActor(provideSession(pkg().machine, pkg().manifest.id, runtime)).start();
  actor.send({ type: 'identity.card' });
  return actor;
}

type FlowActor = ReturnType<typeof startWithCard>;

/** Picks the last 12 months on the period screen, as most residents do, and waits for the preview. */
async function toPreview(actor: FlowActor) {
  await waitFor(actor, (s) => screenOf(s) === 'choose-period');
  actor.send({ type: 'period.months', months: 12 });
  return waitFor(actor, (s) => screenOf(s) === 'preview');
}

function screenOf(snapshot: { getMeta(): Record<string, unknown> }): string | undefined {
  const metas = Object.values(snapshot.getMeta()) as ({ screen?: string } | undefined)[];
  return metas.reverse().find((m) => m?.screen)?.screen;
}

let loaded: ReturnType<typeof loadFlowPackage> | undefined;
function pkg(): ReturnType<typeof loadFlowPackage> {
  loaded ??= loadFlowPackage(FLOW_DIR);
  return loaded;
}

describe('the social-insurance certificate flow package', () => {
  it('loads with its manifest, screens and both locales', () => {
    expect(pkg().manifest.id).toBe('si-payment-certificate');
    expect(pkg().manifest.requires).toEqual(['identity', 'platform', 'documentPrinter']);
    expect(pkg().manifest.optional).toEqual(['idCardReader', 'scanner', 'receiptPrinter']);
    expect(Object.keys(pkg().strings['zh-CN']).sort()).toEqual(
      Object.keys(pkg().strings.en).sort(),
    );
  });

  it('walks card, lookup, preview, certificate and receipt to a completed outcome', async () => {
    const { runtime, calls } = scriptedRuntime(happy);
    const actor = startWithCard(runtime);
    await toPreview(actor);
    actor.send({ type: 'print' });
    await waitFor(actor, (s) => screenOf(s) === 'take-document');
    actor.send({ type: 'next' });
    const done = await waitFor(actor, (s) => s.status === 'done');
    expect(done.output).toEqual({ outcome: 'completed' });
    expect(calls.map((c) => c.name)).toEqual([
      'idcard.read',
      'platform.call',
      'print.certificate',
      'print.receipt',
    ]);
    expect(calls[1]?.input).toMatchObject({
      operation: 'si.paymentRecord',
      resident,
      args: { months: 12 },
    });
    expect(calls[3]?.input).toMatchObject({
      data: { idNumber: resident.idNumberMasked, certificateNumber: 'SI-1' },
    });
  });

  it('ends on the card-read screen when the card is pulled during the read', async () => {
    const { runtime } = scriptedRuntime({
      ...happy,
      'idcard.read': () => Promise.reject(new DeviceError('pulled', { readFailed: true })),
    });
    const actor = startWithCard(runtime);
    const s = await waitFor(actor, (snap) => screenOf(snap) === 'card-read-failed');
    expect(s.value).toEqual({ failed: 'cardRead' });
  });

  it('tells the resident the printer is out of paper when the certificate printer says so', async () => {
    const { runtime } = scriptedRuntime({
      ...happy,
      'print.certificate': () => Promise.reject(new DeviceError('out', { paperOut: true })),
    });
    const actor = startWithCard(runtime);
    await toPreview(actor);
    actor.send({ type: 'print' });
    await waitFor(actor, (s) => screenOf(s) === 'paper-out');
    actor.send({ type: 'next' });
    expect((await waitFor(actor, (s) => s.status === 'done')).output).toEqual({
      outcome: 'failed',
    });
  });

  it('looks up a typed from-to range and shows the months it covers on the preview', async () => {
    const { runtime, calls } = scriptedRuntime({
      ...happy,
      'platform.call': () =>
        Promise.resolve({
          region: '南京市',
          employer: '示例单位',
          monthCount: 6,
          periodFrom: '2024-07',
          periodTo: '2024-12',
        }),
    });
    const actor = startWithCard(runtime);
    await waitFor(actor, (s) => screenOf(s) === 'choose-period');
    actor.send({ type: 'period.range' });
    await waitFor(actor, (s) => screenOf(s) === 'enter-from');
    actor.send({ type: 'range.from', value: '202407' });
    await waitFor(actor, (s) => screenOf(s) === 'enter-to');
    actor.send({ type: 'range.to', value: '202412' });
    const s = await waitFor(actor, (snap) => screenOf(snap) === 'preview');
    expect(calls[1]?.input).toMatchObject({ args: { from: '202407', to: '202412' } });
    const en = JSON.stringify(renderFlowScreen(pkg(), 'preview', s.context, 'en'));
    expect(en).toContain('2024-07 – 2024-12');
  });

  it.each([
    ['rejected', 'range-invalid', 'not before the first, not after this month'],
    ['malformed', 'range-not-month', 'month from 01 to 12'],
  ])('sends a %s range to a screen saying what to fix', async (flag, screen, rule) => {
    const { runtime } = scriptedRuntime({
      ...happy,
      'platform.call': () => Promise.reject(new CapabilityError('bad range', { [flag]: true })),
    });
    const actor = startWithCard(runtime);
    await waitFor(actor, (s) => screenOf(s) === 'choose-period');
    actor.send({ type: 'period.range' });
    actor.send({ type: 'range.from', value: '202412' });
    actor.send({ type: 'range.to', value: '202401' });
    const s = await waitFor(actor, (snap) => screenOf(snap) === screen);
    const en = JSON.stringify(renderFlowScreen(pkg(), screen, s.context, 'en'));
    expect(en).toContain('You typed 202412 to 202401');
    expect(en).toContain(rule);
    actor.send({ type: 'retry' });
    await waitFor(actor, (snap) => screenOf(snap) === 'enter-from');
  });

  it('says a record with no months in the period has nothing to certify, and offers other months', async () => {
    const { runtime } = scriptedRuntime({
      ...happy,
      'platform.call': () =>
        Promise.resolve({ region: '南京市', employer: '—', monthCount: 0, periodFrom: '' }),
    });
    const actor = startWithCard(runtime);
    await waitFor(actor, (s) => screenOf(s) === 'choose-period');
    actor.send({ type: 'period.months', months: 6 });
    await waitFor(actor, (s) => screenOf(s) === 'no-months');
    actor.send({ type: 'retry' });
    await waitFor(actor, (s) => screenOf(s) === 'choose-period');
  });

  it('sends a certificate its template refuses to the counter, never blaming the printer', async () => {
    const { runtime } = scriptedRuntime({
      ...happy,
      'print.certificate': () =>
        Promise.reject(new CapabilityError('template refused idNumber', { rejected: true })),
    });
    const actor = startWithCard(runtime);
    await toPreview(actor);
    actor.send({ type: 'print' });
    const s = await waitFor(actor, (snap) => screenOf(snap) === 'certificate-refused');
    const zh = JSON.stringify(renderFlowScreen(pkg(), 'certificate-refused', s.context, 'zh-CN'));
    expect(zh).toContain('人工窗口');
    expect(zh).toContain('打印机本身没有故障');
    const en = JSON.stringify(renderFlowScreen(pkg(), 'certificate-refused', s.context, 'en'));
    expect(en).toContain('The printer is fine');
  });

  it('tells the resident the platform did not answer, not the printer, when issuing fails', async () => {
    const { runtime } = scriptedRuntime({
      ...happy,
      'print.certificate': () =>
        Promise.reject(new CapabilityError('platform away', { timeout: true })),
    });
    const actor = startWithCard(runtime);
    await toPreview(actor);
    actor.send({ type: 'print' });
    await waitFor(actor, (s) => screenOf(s) === 'certificate-not-issued');
    actor.send({ type: 'retry' });
    await waitFor(actor, (s) => screenOf(s) === 'certificate-not-issued');
  });

  it('shows the preview with the name and ID number masked', async () => {
    const { runtime } = scriptedRuntime(happy);
    const actor = startWithCard(runtime);
    const s = await toPreview(actor);
    const view = renderFlowScreen(pkg(), 'preview', s.context, 'zh-CN');
    const text = JSON.stringify(view);
    expect(text).toContain('李*华');
    expect(text).toContain('320106********123X');
    expect(text).not.toContain('32010619560315123X');
    expect(renderFlowScreen(pkg(), 'preview', s.context, 'en').title).toBe('Check your details');
  });
});

describe('the certificate flow for a resident who shows a phone resident code', () => {
  const codeAnswers = {
    ...happy,
    'scanner.read': () =>
      Promise.resolve({ code: 'scan_00000000-0000-0000-0000-000000000000', symbology: 'qr' }),
    'platform.call': (input: unknown) =>
      Promise.resolve(
        (input as { operation: string }).operation === 'identity.fromCode'
          ? codeResident
          : { region: '南京市', employer: '示例单位', monthCount: 12 },
      ),
  };
  function startWithCode(runtime: CapabilityRuntime) {
    const actor = createActor(provideSession(pkg().machine, pkg().manifest.id, runtime)).start();
    expect(screenOf(actor.getSnapshot())).toBe('choose-identity');
    actor.send({ type: 'identity.code' });
    return actor;
  }

  it('scans, resolves the code and joins the card path at the lookup, never holding an ID number', async () => {
    const { runtime, calls } = scriptedRuntime(codeAnswers);
    const actor = startWithCode(runtime);
    const s = await toPreview(actor);
    expect(calls.map((c) => c.name)).toEqual(['scanner.read', 'platform.call', 'platform.call']);
    expect(calls[1]?.input).toMatchObject({
      operation: 'identity.fromCode',
      args: { code: 'scan_00000000-0000-0000-0000-000000000000' },
    });
    expect(calls[2]?.input).toMatchObject({
      operation: 'si.paymentRecord',
      resident: codeResident,
    });
    const text = JSON.stringify(renderFlowScreen(pkg(), 'preview', s.context, 'zh-CN'));
    expect(text).toContain('王*英');
    expect(text).toContain('110101********2046');
    actor.send({ type: 'print' });
    await waitFor(actor, (snap) => screenOf(snap) === 'take-document');
    expect(calls[4]?.input).toMatchObject({ data: { idNumber: '110101********2046' } });
  });

  it.each([
    ['expired', 'code-expired'],
    ['notFound', 'code-unknown'],
    ['malformed', 'code-unreadable'],
  ])('shows the %s refusal of the platform on its own screen', async (flag, screen) => {
    const { runtime } = scriptedRuntime({
      ...codeAnswers,
      'platform.call': () => Promise.reject(new CapabilityError('refused', { [flag]: true })),
    });
    const actor = startWithCode(runtime);
    await waitFor(actor, (snap) => screenOf(snap) === screen);
  });

  it('says the code cannot be read when the scanner refuses it, and lets the resident use the card', async () => {
    const { runtime, calls } = scriptedRuntime({
      ...codeAnswers,
      'scanner.read': () => Promise.reject(new DeviceError('control byte', { unsupported: true })),
    });
    const actor = startWithCode(runtime);
    await waitFor(actor, (snap) => screenOf(snap) === 'code-unreadable');
    actor.send({ type: 'identity.card' });
    await toPreview(actor);
    expect(calls.map((c) => c.name)).toContain('idcard.read');
  });
});
