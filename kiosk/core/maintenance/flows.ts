/**
 * The flows as the technician sees them on the information page: what `kiosk24 flow list`
 * shows (id, version, source, signer, installed-at, previous version) with each flow's title and
 * the version the kiosk serves right now, and a roll-back button for every installed flow that
 * has a previous version.
 */
import type { BlockView, Locale } from '../../contract.ts';
import type { ListedFlow } from '../flow-install/list.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import { fill, MAINTENANCE_STRINGS } from './strings.ts';

/** One flow on the information page. */
export interface FlowRow extends ListedFlow {
  title?: Record<Locale, string>;
  /** The version the kiosk serves now; differs from `version` until maintenance ends. */
  served: string | null;
}

/** The event of the roll-back button; its data names the flow. */
export const ROLLBACK_EVENT = 'maintenance.flow.rollback';

/** Joins the listing on disk with the flows the kiosk serves. */
export function flowRows(listed: readonly ListedFlow[], served: readonly FlowPackage[]): FlowRow[] {
  return listed.map((flow) => {
    const pkg = served.find((f) => f.manifest.id === flow.id);
    return {
      ...flow,
      ...(pkg ? { title: pkg.manifest.title } : {}),
      served: pkg?.manifest.version ?? null,
    };
  });
}

/** True when the technician may roll this flow back. */
export function canRollBack(row: FlowRow): boolean {
  return row.source === 'installed' && row.previous !== null;
}

/** A heading, the facts and (when possible) the roll-back button of every flow. */
export function flowBlocks(locale: Locale, rows: readonly FlowRow[]): BlockView[] {
  const s = MAINTENANCE_STRINGS[locale];
  const blocks: BlockView[] = [];
  for (const row of rows) {
    const heading = row.title ? `${row.title[locale]} (${row.id})` : row.id;
    const version = row.version ?? s.unknown;
    const pending = row.served !== row.version;
    blocks.push(
      { kind: 'text', text: heading, emphasis: 'strong' },
      {
        kind: 'fields',
        rows: [
          {
            label: s.flowVersion,
            value: pending
              ? fill(s.flowPending, { version, served: row.served ?? s.none })
              : version,
          },
          { label: s.flowSource, value: row.source === 'built-in' ? s.builtIn : s.installed },
          { label: s.flowSigner, value: row.signer ?? s.none },
          { label: s.flowInstalledAt, value: row.installedAt ?? s.none },
          { label: s.flowPrevious, value: row.previous ?? s.none },
        ],
      },
    );
    if (canRollBack(row) && row.previous !== null)
      blocks.push({
        kind: 'choices',
        choices: [
          {
            id: `rollback-${row.id}`,
            label: fill(s.rollBack, { id: row.id, version: row.previous }),
            event: ROLLBACK_EVENT,
            data: { flow: row.id },
            kind: 'danger',
          },
        ],
      });
  }
  return blocks;
}

/** What a roll-back from the information page did, for the audit, the log and the page. */
export interface RollbackOutcome {
  id: string;
  ok: boolean;
  /** For the log, in English. */
  result: string;
  /** For the page, in the technician's language. */
  text: (locale: Locale) => string;
}

/**
 * Starts rolling back the flow `flow` names (renderer data, so checked against the rows the page
 * offered); undefined when the page offered no roll-back for it. `done` never rejects.
 */
export function rollBack(
  rows: readonly FlowRow[],
  flow: unknown,
  roll: (id: string) => Promise<{ from: string; to: string }>,
): { what: (locale: Locale) => string; done: Promise<RollbackOutcome> } | undefined {
  const row = rows.find((r) => r.id === flow);
  if (!row || !canRollBack(row) || row.previous === null) return undefined;
  const { id, previous } = row;
  const done = roll(id).then(
    ({ from, to }): RollbackOutcome => ({
      id,
      ok: true,
      result: `${from} -> ${to}`,
      text: (l) => fill(MAINTENANCE_STRINGS[l].rollBackDone, { id, from, to }),
    }),
    (error: unknown): RollbackOutcome => {
      const why = error instanceof Error ? error.message : String(error);
      return {
        id,
        ok: false,
        result: why,
        text: (l) => fill(MAINTENANCE_STRINGS[l].rollBackFailed, { id, why }),
      };
    },
  );
  return { what: (l) => fill(MAINTENANCE_STRINGS[l].rollBack, { id, version: previous }), done };
}
