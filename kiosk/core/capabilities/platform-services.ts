import type { z } from 'zod';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_LENGTH,
  creditCheckCharFor,
  creditCodeProblem,
} from '../platform/credit-code.ts';
import type { QueueTicket } from '../platform/schemas.ts';
import type { Guide, GuideSummary, Hall } from '../platform/schemas-services.ts';
import { CapabilityError } from './errors.ts';
import { searchGuides } from './guide-search.ts';
import type { ticketViewSchema } from './outputs-platform.ts';
import { MAX_VIEW_ROWS } from './outputs-platform.ts';
import type { CapabilityCall } from './ports.ts';

/**
 * The hall-side `platform.call` operations: each asks the platform client and hands the flow a
 * view (outputs-platform.ts). Lists are cut at MAX_VIEW_ROWS; absent glosses become `''`.
 */

/** Arguments of one call, references already resolved. */
export type Args = Record<string, string | number | boolean>;

/** A required text argument, or a `rejected` error naming it. */
export function textArg(operation: string, args: Args, key: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new CapabilityError(`${operation} needs args.${key} as text`, { rejected: true });
  }
  return value.trim();
}

/** An optional text argument. */
export function optionalText(args: Args, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

const cap = <T>(list: readonly T[]): T[] => list.slice(0, MAX_VIEW_ROWS);

function guideRow(g: GuideSummary) {
  return {
    id: g.id,
    title: g.name,
    titleEn: g.nameEn ?? '',
    department: g.department,
    departmentEn: g.departmentEn ?? '',
    lifeEvents: [...g.lifeEvents],
    audience: g.audience,
    channel: g.channel,
  };
}

/** `guide.list` (filtered by `lifeEvent`, `department`, `audience`) and `guide.search` (`query`). */
export async function guideList(call: CapabilityCall, operation: string, args: Args) {
  const all = await call.ports.platform.guides({ signal: call.signal });
  const query = operation === 'guide.search' ? textArg(operation, args, 'query') : '';
  const lifeEvent = optionalText(args, 'lifeEvent');
  const department = optionalText(args, 'department');
  const audience = optionalText(args, 'audience');
  const found = (query ? searchGuides(all, query) : all).filter(
    (g) =>
      (lifeEvent === undefined || (g.lifeEvents as string[]).includes(lifeEvent)) &&
      (department === undefined || g.department === department) &&
      (audience === undefined || g.audience === audience),
  );
  return { guides: cap(found).map(guideRow), total: found.length, query };
}

/**
 * Where a service is done, in words for the screen and the receipt. It goes by what THIS kiosk
 * can do: a service the platform offers on terminals is a hall's here when no flow does it.
 */
const HALL_ONLY = ['须到政务服务大厅窗口办理', 'Done only at a service hall counter'] as const;
const CHANNEL_LABELS: Record<string, readonly [string, string]> = {
  kiosk: ['本机自助办理', 'Done here on this terminal'],
  both: [
    '本机自助办理，或到政务服务大厅窗口办理',
    'Done here on this terminal, or at a service hall counter',
  ],
  'hall-elsewhere': HALL_ONLY,
  'kiosk-elsewhere': [
    '本机暂不能办理，请到政务服务大厅办理',
    'Not on this terminal yet: go to a service hall',
  ],
  'both-elsewhere': [
    '本机暂不能办理，请到政务服务大厅窗口办理',
    'Not on this terminal yet: go to a service hall counter',
  ],
};

/** `guide.get`. */
export async function guideGet(call: CapabilityCall, args: Args) {
  const g: Guide = await call.ports.platform.guide(textArg('guide.get', args, 'guideId'), {
    signal: call.signal,
  });
  const kioskCan = g.channel !== 'hall' && g.flowId !== undefined;
  const [channelLabel, channelLabelEn] =
    CHANNEL_LABELS[kioskCan ? g.channel : `${g.channel}-elsewhere`] ?? HALL_ONLY;
  const texts = (list: Guide['steps']) =>
    cap(list).map((t) => ({ text: t.text, textEn: t.textEn ?? '' }));
  return {
    id: g.id,
    title: g.name,
    titleEn: g.nameEn ?? '',
    department: g.department,
    departmentEn: g.departmentEn ?? '',
    channel: g.channel,
    kioskCan,
    channelLabel,
    channelLabelEn,
    flowId: g.flowId ?? '',
    conditions: texts(g.conditions),
    materials: cap(g.materials).map((m) => ({ title: m.name, titleEn: m.nameEn ?? '' })),
    steps: texts(g.steps),
    timeLimit: g.timeLimit,
    timeLimitEn: g.timeLimitEn ?? '',
    fee: g.fee,
    feeEn: g.feeEn ?? '',
    legalBasis: g.legalBasis.join('；'),
    conditionsText: paperList(g.conditions.map((c) => c.text)),
    materialsText: paperList(g.materials.map((m) => m.name)),
    stepsText: paperList(g.steps.map((s) => s.text)),
  };
}

/**
 * Most items of one list a printed guide carries: a receipt is a reminder to take along, and a
 * guide with more materials than this is one to read at the hall, not on 80 mm paper.
 */
export const GUIDE_PAPER_ITEMS = 8;

/** A list as one numbered line for a receipt (which has no lists), cut with a note past the cap. */
export function paperList(items: readonly string[]): string {
  const shown = items.slice(0, GUIDE_PAPER_ITEMS).map((item, i) => `${i + 1}. ${item}`);
  const rest = items.length - shown.length;
  if (rest > 0) shown.push(`另有${rest}项，详见大厅或网上办事指南`);
  return shown.length > 0 ? shown.join('；') : '无';
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in km (haversine), rounded to 0.1 km. */
export function distanceKm(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h)) * 10) / 10;
}

/**
 * `hall.list`: nearest first from the configured location; `businessType` keeps halls serving it.
 * A hall's name, address and phone are public, so they are named `hall…`: a screen masks any
 * field called `name`, `address` or `phone` as personal data.
 */
export async function hallList(call: CapabilityCall, args: Args) {
  const halls = await call.ports.platform.halls({ signal: call.signal });
  const type = optionalText(args, 'businessType');
  const here = call.ports.location;
  const rows = halls
    .filter((h) => type === undefined || h.businessTypes.some((t) => t.id === type))
    .map((h: Hall) => hallRow(h, here));
  if (here) rows.sort((a, b) => (a.distanceKm ?? 0) - (b.distanceKm ?? 0));
  return {
    halls: cap(rows),
    total: rows.length,
    orderedBy: here ? ('distance' as const) : ('platform' as const),
  };
}

/** A hall as a flow sees it, its distance from the kiosk when the kiosk's location is set. */
function hallRow(h: Hall, here: { lat: number; lng: number } | undefined) {
  return {
    id: h.id,
    hallName: h.name,
    hallNameEn: h.nameEn ?? '',
    hallAddress: h.address,
    hallAddressEn: h.addressEn ?? '',
    hours: h.hours,
    hoursEn: h.hoursEn ?? '',
    hallPhone: h.phone,
    navUrl: h.navUrl,
    distanceKm: here ? distanceKm(here, h) : null,
  };
}

/**
 * `hall.get`: one hall of `hall.list`, so a flow can show its details and put its `navUrl` in a
 * navigation QR (a screen cannot pick one row out of a list). `notFound` when it is not listed.
 */
export async function hallGet(call: CapabilityCall, args: Args) {
  const id = textArg('hall.get', args, 'hallId');
  const halls = await call.ports.platform.halls({ signal: call.signal });
  const hall = halls.find((h) => h.id === id);
  if (!hall) throw new CapabilityError(`the platform lists no hall ${id}`, { notFound: true });
  const here = call.ports.location;
  return {
    ...hallRow(hall, here),
    orderedBy: here ? ('distance' as const) : ('platform' as const),
  };
}

/** `queue.businessTypes`. */
export async function businessTypes(call: CapabilityCall, args: Args) {
  const queues = await call.ports.platform.hallQueues(
    textArg('queue.businessTypes', args, 'hallId'),
    {
      signal: call.signal,
    },
  );
  return {
    hallId: queues.hallId,
    businessTypes: cap(queues.businessTypes).map((t) => ({
      id: t.id,
      serviceName: t.name,
      serviceNameEn: t.nameEn ?? '',
      peopleWaiting: t.peopleWaiting,
      expectedWaitMinutes: t.expectedWaitMinutes,
    })),
  };
}

/** The view of a ticket (`queue.ticket`, `appointment.checkIn`). */
export function ticketView(ticket: QueueTicket): z.infer<typeof ticketViewSchema> {
  return {
    ticketNo: ticket.ticketNo,
    serviceName: ticket.serviceName,
    serviceNameEn: ticket.serviceNameEn ?? '',
    hallName: ticket.hallName ?? '',
    hallNameEn: ticket.hallNameEn ?? '',
    waiting: ticket.waiting,
    peopleAhead: ticket.peopleAhead,
    expectedWaitMinutes: ticket.expectedWaitMinutes,
  };
}

/**
 * `enterprise.creditRecord`. The code is checked here first (GB 32100), so a mistyped character
 * fails `malformed` without a round trip; `enterprise.checkCode` names the characters.
 */
export async function creditRecord(call: CapabilityCall, args: Args) {
  const code = textArg('enterprise.creditRecord', args, 'creditCode').toUpperCase();
  const problem = creditCodeProblem(code);
  if (problem) {
    throw new CapabilityError(`the credit code ${problem}`, { malformed: true });
  }
  const r = await call.ports.platform.creditRecord(code, { signal: call.signal });
  return {
    record: call.vault.keepRecord(r),
    creditCode: r.creditCode,
    enterpriseName: r.name,
    enterpriseNameEn: r.nameEn ?? '',
    legalRepresentativeMasked: r.legalRepresentativeMasked,
    registeredCapital: r.registeredCapital,
    status: r.status,
    statusLabel: r.statusLabel,
    statusLabelEn: r.statusLabelEn ?? '',
    establishedOn: r.establishedOn,
    entryCount: r.entries.length,
    entries: cap(r.entries).map((e) => ({
      kind: e.kind,
      title: e.title,
      titleEn: e.titleEn ?? '',
      authority: e.authority,
      date: e.date,
    })),
  };
}

/**
 * `enterprise.checkCode`: the GB 32100 check of a credit code, on the kiosk alone (no platform
 * call). A code of the right length and alphabet always succeeds, saying whether its check
 * character is right and which one the first 17 characters give, so a screen can name both; a
 * code the credit-code pad could not have typed fails `malformed`.
 */
export function creditCodeCheck(args: Args) {
  const code = textArg('enterprise.checkCode', args, 'creditCode').toUpperCase();
  const inAlphabet = [...code].every((c) => CREDIT_CODE_ALPHABET.includes(c));
  if (code.length !== CREDIT_CODE_LENGTH || !inAlphabet) {
    throw new CapabilityError(
      `the credit code must be ${CREDIT_CODE_LENGTH} characters of 0-9 and A-Y without I, O, S, V and Z`,
      { malformed: true },
    );
  }
  const expectedCheck = creditCheckCharFor(code.slice(0, CREDIT_CODE_LENGTH - 1));
  const typedCheck = code.slice(-1);
  return { creditCode: code, checkOk: typedCheck === expectedCheck, typedCheck, expectedCheck };
}

/** `application.bundle`. */
export async function bundleView(call: CapabilityCall, args: Args) {
  const b = await call.ports.platform.bundle(textArg('application.bundle', args, 'bundleId'), {
    signal: call.signal,
  });
  return {
    id: b.id,
    name: b.name,
    nameEn: b.nameEn ?? '',
    items: cap(b.items).map((i) => ({
      id: i.id,
      name: i.name,
      nameEn: i.nameEn ?? '',
      // The same name as `title`: screens mask a field called `name` as a person's name.
      title: i.name,
      titleEn: i.nameEn ?? '',
      department: i.department,
      fields: [...i.fields],
      materials: [...i.materials],
    })),
    fields: cap(b.fields).map((f) => ({
      id: f.id,
      label: f.label,
      labelEn: f.labelEn ?? '',
      type: f.type,
      required: f.required,
      maxLength: f.maxLength ?? 0,
      options: (f.options ?? []).map((o) => ({
        value: o.value,
        label: o.label,
        labelEn: o.labelEn ?? '',
      })),
    })),
    materials: cap(b.materials).map((m) => ({
      id: m.id,
      name: m.name,
      nameEn: m.nameEn ?? '',
      platformMayHold: m.platformMayHold,
    })),
  };
}
