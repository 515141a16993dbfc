import type { ActionView, BlockView, FieldView, Locale, ScreenView } from '../../contract.ts';
import type { DeviceClass, DeviceState } from '../../../drivers/device/model.ts';
import { flowBlocks, type FlowRow } from './flows.ts';
import { DEVICE_LABELS, fill, MAINTENANCE_STRINGS, statusLabel, supplyLabel } from './strings.ts';

/** What the PIN screen shows: how many digits are in, and any message. */
export interface PinPageView {
  digits: number;
  message?: { text: string; tone: 'warning' | 'error' };
  /** True while the keypad is locked or a PIN is being checked. */
  keypadDisabled: boolean;
}

/** One device row on the overview: its state, or why it could not be opened. */
export type DeviceRow =
  { deviceClass: DeviceClass; state: DeviceState } | { deviceClass: DeviceClass; failure: string };

/** What the overview shows. */
export interface OverviewView {
  devices: DeviceRow[];
  /** The running action, if any; every button waits for it. */
  working?: string;
  /** The outcome of the last action. */
  last?: { what: string; ok: boolean; why?: string };
  /** The job id of a receipt waiting after an interruption. */
  pendingReceiptJob?: number;
}

/** What the information page shows. */
export interface InfoView {
  kioskId: string;
  platformUrl: string;
  /** Every flow, built-in and installed, as `kiosk24 flow list` finds it on disk. */
  flows: FlowRow[];
  version: string;
  /** The outcome of the technician's last action on this page. */
  notice?: { text: string; ok: boolean };
  /** What the journal holds for the technician, when the kiosk has one. */
  records?: RecordsView;
}

/** The journal as the technician sees it: unsent submissions, cut-off prints, the audit chain. */
export interface RecordsView {
  pending: number;
  dead: number;
  /** Prints started and never confirmed (a crash cut them off), with masked summaries. */
  unconfirmedPrints: { id: number; text: string }[];
  audit: {
    ok: boolean;
    entries: number;
    algorithm: string;
    firstBroken: { seq: number; reason: string } | null;
  };
}

/** The PIN keypad: digits as a `choices` block, entered digits as dots only. */
export function pinScreen(locale: Locale, view: PinPageView): ScreenView {
  const s = MAINTENANCE_STRINGS[locale];
  const key = (id: string, label: string, event: string, digit?: string): ActionView => ({
    id,
    label,
    event,
    ...(digit === undefined ? {} : { data: { digit } }),
    kind: id === 'pin-ok' ? 'primary' : 'secondary',
    ...(view.keypadDisabled ? { disabled: true } : {}),
  });
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) =>
    key(`pin-${d}`, d, 'maintenance.pin.digit', d),
  );
  const blocks: BlockView[] = [
    {
      kind: 'text',
      text: view.digits > 0 ? '●'.repeat(view.digits) : s.pinEmpty,
      emphasis: 'strong',
    },
  ];
  if (view.message) blocks.push({ kind: 'text', text: view.message.text, emphasis: 'strong' });
  blocks.push({
    kind: 'choices',
    choices: [
      ...digits,
      key('pin-clear', s.pinClear, 'maintenance.pin.clear'),
      key('pin-0', '0', 'maintenance.pin.digit', '0'),
      key('pin-ok', s.pinOk, 'maintenance.pin.submit'),
    ],
  });
  return {
    id: 'maintenance/pin',
    layout: 'maintenance',
    tone: view.message?.tone ?? 'neutral',
    title: s.title,
    subtitle: s.pinPrompt,
    blocks,
    actions: [
      {
        id: 'maintenance-cancel',
        label: s.pinCancel,
        event: 'maintenance.exit',
        kind: 'secondary',
      },
    ],
  };
}

/** The device overview with every maintenance action. */
export function overviewScreen(locale: Locale, view: OverviewView): ScreenView {
  const s = MAINTENANCE_STRINGS[locale];
  const blocks: BlockView[] = [];
  if (view.working)
    blocks.push({ kind: 'progress', text: fill(s.working, { what: view.working }) });
  else if (view.last) {
    const text = view.last.ok
      ? fill(s.lastOk, { what: view.last.what })
      : fill(s.lastFailed, { what: view.last.what, why: view.last.why ?? '' });
    blocks.push({ kind: 'text', text, emphasis: 'strong' });
  }
  if (view.pendingReceiptJob !== undefined) {
    blocks.push({ kind: 'text', text: fill(s.pendingNotice, { job: view.pendingReceiptJob }) });
  }
  for (const row of view.devices) blocks.push(...deviceBlocks(locale, row));
  const disabled = view.working !== undefined ? { disabled: true } : {};
  const act = (
    id: string,
    label: string,
    event: string,
    data?: ActionView['data'],
  ): ActionView => ({
    id,
    label,
    event,
    ...(data ? { data } : {}),
    kind: 'secondary',
    ...disabled,
  });
  const choices: ActionView[] = [];
  for (const row of view.devices) {
    if ('failure' in row) continue;
    const device = DEVICE_LABELS[row.deviceClass][locale];
    choices.push(
      act(`selftest-${row.deviceClass}`, fill(s.selfTest, { device }), 'maintenance.selftest', {
        device: row.deviceClass,
      }),
    );
    if (row.deviceClass === 'receiptPrinter' || row.deviceClass === 'documentPrinter') {
      choices.push(
        act(
          `refilled-${row.deviceClass}`,
          fill(s.refilled, { device }),
          'maintenance.paper.refilled',
          { device: row.deviceClass },
        ),
      );
    }
    if (row.deviceClass === 'receiptPrinter' && view.pendingReceiptJob === undefined) {
      choices.push(act('test-print-receipt', s.testPrint, 'maintenance.test.print'));
    }
  }
  if (view.pendingReceiptJob !== undefined) {
    const job = view.pendingReceiptJob;
    choices.push(act('pending-resume', fill(s.resume, { job }), 'maintenance.pending.resume'));
    choices.push({
      ...act('pending-abandon', fill(s.abandon, { job }), 'maintenance.pending.abandon'),
      kind: 'danger',
    });
  }
  choices.push(act('maintenance-info', s.info, 'maintenance.info'));
  blocks.push({ kind: 'choices', choices });
  const failed = view.last !== undefined && !view.last.ok && view.working === undefined;
  return {
    id: 'maintenance/overview',
    layout: 'maintenance',
    tone: failed ? 'warning' : 'neutral',
    title: s.overviewTitle,
    subtitle: s.overviewSubtitle,
    blocks,
    actions: [
      { id: 'maintenance-exit', label: s.exit, event: 'maintenance.exit', kind: 'primary' },
    ],
  };
}

/** The kiosk id, platform URL, installed services and software version. */
export function infoScreen(locale: Locale, view: InfoView): ScreenView {
  const s = MAINTENANCE_STRINGS[locale];
  return {
    id: 'maintenance/info',
    layout: 'maintenance',
    tone: view.notice?.ok === false ? 'warning' : 'neutral',
    title: s.infoTitle,
    subtitle: s.overviewSubtitle,
    blocks: [
      ...(view.notice
        ? [{ kind: 'text' as const, text: view.notice.text, emphasis: 'strong' as const }]
        : []),
      {
        kind: 'fields',
        rows: [
          { label: s.kioskId, value: view.kioskId },
          { label: s.platformUrl, value: view.platformUrl },
          {
            label: s.flows,
            value:
              view.flows.length > 0
                ? view.flows.map((f) => `${f.id} ${f.version ?? s.unknown}`).join('，')
                : s.none,
          },
          { label: s.version, value: view.version },
          ...(view.records ? recordRows(locale, view.records) : []),
        ],
      },
      ...(view.records?.unconfirmedPrints ?? []).map((print): BlockView => ({
        kind: 'choices',
        choices: [
          {
            id: `print-${print.id}-confirmed`,
            label: fill(s.printCameOut, { job: print.text }),
            event: 'maintenance.print.confirmed',
            data: { print: print.id },
            kind: 'secondary',
          },
          {
            id: `print-${print.id}-abandoned`,
            label: fill(s.printAbandon, { job: print.text }),
            event: 'maintenance.print.abandoned',
            data: { print: print.id },
            kind: 'danger',
          },
        ],
      })),
      ...flowBlocks(locale, view.flows),
    ],
    actions: [
      { id: 'maintenance-back', label: s.back, event: 'maintenance.back', kind: 'secondary' },
      { id: 'maintenance-exit', label: s.exit, event: 'maintenance.exit', kind: 'primary' },
    ],
  };
}

function recordRows(locale: Locale, records: RecordsView): { label: string; value: string }[] {
  const s = MAINTENANCE_STRINGS[locale];
  const { audit } = records;
  return [
    {
      label: s.outbox,
      value: fill(s.outboxValue, { pending: records.pending, dead: records.dead }),
    },
    {
      label: s.prints,
      value:
        records.unconfirmedPrints.length > 0
          ? records.unconfirmedPrints.map((p) => p.text).join('；')
          : s.none,
    },
    {
      label: s.audit,
      value: audit.firstBroken
        ? fill(s.auditBroken, { seq: audit.firstBroken.seq, reason: audit.firstBroken.reason })
        : fill(s.auditOk, { algorithm: audit.algorithm.toUpperCase(), entries: audit.entries }),
    },
  ];
}

function deviceBlocks(locale: Locale, row: DeviceRow): BlockView[] {
  const s = MAINTENANCE_STRINGS[locale];
  const heading: BlockView = {
    kind: 'text',
    text: DEVICE_LABELS[row.deviceClass][locale],
    emphasis: 'strong',
  };
  if ('failure' in row) {
    return [
      heading,
      {
        kind: 'fields',
        rows: [
          { label: s.status, value: s.notOpen },
          { label: s.detail, value: row.failure },
        ],
      },
    ];
  }
  const { state } = row;
  const rows: FieldView[] = [{ label: s.status, value: statusLabel(state.status, locale) }];
  for (const [name, supply] of Object.entries(state.supplies)) {
    const label = supplyLabel(name, supply, locale);
    rows.push({ label: label.name, value: label.state });
  }
  if (state.detail.length > 0) rows.push({ label: s.detail, value: state.detail });
  rows.push({ label: s.kind, value: state.simulated ? s.simulated : s.real });
  return [heading, { kind: 'fields', rows }];
}
