/**
 * Notices installs and rollbacks (`kiosk24 flow install`, `kiosk24 flow rollback`, maintenance)
 * while the kiosk runs. Both end in a rename of `<installDir>/<id>/current`, which fs.watch on
 * the install root and on each flow's folder reports; a slow re-check of every link backs it up,
 * because fs.watch misses events on some filesystems and when inotify runs out of watches.
 * Each changed flow is checked as at start-up; what passes is handed on as the new flow set, and
 * a refused version leaves the version served before it in place.
 */
import { existsSync, readdirSync, readlinkSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import type { Requirement } from '../capabilities/catalogue.ts';
import type { FlowPackage } from './flow-package.ts';
import { checkFlowPackage } from './load-package.ts';

/**
 * How long after a change event the install root is read. An install renames `previous` and then
 * `current`, each a burst of events; waiting this long reads them once, after both.
 */
export const SETTLE_MS = 200;

/**
 * The backstop re-check. Reading one link per installed flow costs next to nothing, and an
 * operator waits at most this long after an install that fs.watch did not report.
 */
export const RECHECK_MS = 30_000;

/** Folder names under the install root that can be flows (install writes ids only). */
const FLOW_ID = /^[a-z][a-z0-9-]{2,63}$/;
/** Link targets install writes: bare version names. */
const VERSION = /^\d+\.\d+\.\d+$/;

/** A version found under the install root and refused, for the log and the audit trail. */
export interface FlowRefusal {
  flowId: string;
  version: string;
  problems: string[];
}

/** What the watcher needs from the kiosk. */
export interface FlowWatchOptions {
  installDir: string;
  /** The flows served at start, built-in and installed. */
  flows: readonly FlowPackage[];
  /** What this kiosk has; a package needing more is refused, as at start-up. */
  installed: ReadonlySet<Requirement>;
  log: Logger;
  /** Receives each new flow set (whole, in menu order) after a change passed its checks. */
  onFlows(flows: FlowPackage[]): void;
  /** Told of each refused version, once per version. */
  onRefused?(refusal: FlowRefusal): void;
  recheckMs?: number;
  settleMs?: number;
}

/** Watches `flows.installDir` for installs and rollbacks; see the file comment. */
export class FlowWatch {
  private flows: FlowPackage[];
  /** The version refused last for each id, so the re-check does not refuse it again each time. */
  private readonly refused = new Map<string, string>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly recheck: NodeJS.Timeout;
  private settle: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: FlowWatchOptions) {
    this.flows = [...options.flows];
    this.recheck = setInterval(() => this.check(), options.recheckMs ?? RECHECK_MS);
    this.recheck.unref();
    this.attach();
  }

  /** Reads every `current` link now and hands on a new set if any flow changed. */
  check(): void {
    if (this.closed) return;
    try {
      this.attach();
      const next = this.nextFlows();
      if (next) {
        this.flows = next;
        this.options.onFlows(next);
      }
    } catch (error) {
      // An unreadable install root must not stop the kiosk: it keeps serving what it has.
      this.options.log.error({ err: error }, 'installed flows could not be re-read');
    }
  }

  /** Stops watching. */
  close(): void {
    this.closed = true;
    clearInterval(this.recheck);
    clearTimeout(this.settle);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** The new flow set, or undefined when nothing served changed. */
  private nextFlows(): FlowPackage[] | undefined {
    const root = resolve(this.options.installDir);
    const installed = new Map<string, FlowPackage>();
    const builtIn = new Map<string, string>();
    for (const flow of this.flows) {
      if (resolve(flow.dir).startsWith(root + sep)) installed.set(flow.manifest.id, flow);
      else builtIn.set(flow.manifest.id, flow.dir);
    }
    let changed = false;
    const next = new Map<string, FlowPackage>();
    for (const id of this.ids()) {
      const version = linkTarget(join(root, id, 'current'));
      const served = installed.get(id);
      if (version === null) continue;
      if (served?.manifest.version === version || this.refused.get(id) === version) {
        if (served) next.set(id, served);
        continue;
      }
      const loaded = this.load(root, id, version, builtIn);
      if (loaded) {
        this.options.log.info(
          { flow: id, version, from: served?.manifest.version ?? null },
          'installed flow checked; it is served from the next time no session is open',
        );
        next.set(id, loaded);
        changed = true;
      } else if (served) next.set(id, served);
    }
    for (const [id, flow] of installed) {
      if (next.has(id)) continue;
      this.options.log.warn(
        { flow: id, version: flow.manifest.version },
        'installed flow is gone from the install root; it is no longer offered',
      );
      changed = true;
    }
    if (!changed) return undefined;
    const builtInFlows = this.flows.filter((f) => builtIn.has(f.manifest.id));
    return [...builtInFlows, ...next.values()].sort((a, b) => a.manifest.order - b.manifest.order);
  }

  /** Checks one version as start-up would; undefined (logged, reported) when it is refused. */
  private load(
    root: string,
    id: string,
    version: string,
    builtIn: ReadonlyMap<string, string>,
  ): FlowPackage | undefined {
    // The version's own folder, not `current`: a second swap meanwhile cannot mix two versions.
    const dir = join(root, id, version, 'package');
    const report = checkFlowPackage(dir, { installed: this.options.installed, loaded: builtIn });
    const problems = report.problems.map((p) => p.message);
    if (report.pkg && report.manifest?.id !== id)
      problems.push(`the package says it is ${report.manifest?.id}, but it sits in folder ${id}`);
    if (report.pkg && report.manifest?.version !== version)
      problems.push(`the package says it is version ${report.manifest?.version}, not ${version}`);
    if (report.pkg && problems.length === 0) {
      this.refused.delete(id);
      return report.pkg;
    }
    if (problems.length === 0) problems.push('the package could not be read');
    this.refused.set(id, version);
    this.options.log.error(
      { flow: id, version, dir, problems },
      'installed flow refused; the kiosk keeps serving the version it had',
    );
    this.options.onRefused?.({ flowId: id, version, problems });
    return undefined;
  }

  private ids(): string[] {
    const root = this.options.installDir;
    if (!existsSync(root)) return [];
    return readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && FLOW_ID.test(entry.name))
      .map((entry) => entry.name);
  }

  /** Watches the install root and each flow folder not watched yet (both may appear later). */
  private attach(): void {
    const root = this.options.installDir;
    for (const dir of [root, ...this.ids().map((id) => join(root, id))]) {
      if (this.watchers.has(dir) || !existsSync(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, () => this.changed());
        watcher.on('error', () => {
          // The folder went (a flow removed by hand); the re-check attaches again if it returns.
          watcher.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, watcher);
      } catch (error) {
        this.options.log.warn(
          { err: error, dir },
          'cannot watch a flow folder; installs there are noticed by the periodic re-check',
        );
      }
    }
  }

  private changed(): void {
    if (this.closed) return;
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.check(), this.options.settleMs ?? SETTLE_MS);
    this.settle.unref();
  }
}

/** The bare version a link names, or null when there is none (or it is not install's). */
function linkTarget(link: string): string | null {
  try {
    const target = readlinkSync(link);
    return VERSION.test(target) ? target : null;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    if (error instanceof Error && 'code' in error && error.code === 'EINVAL') return null;
    throw error;
  }
}
