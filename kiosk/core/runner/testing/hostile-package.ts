/**
 * Hostile flow packages for tests: a copy of the built-in package in a temporary folder,
 * altered the way a careless or malicious vendor might, and the loader's verdict on it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowPackageErrors } from '../errors.ts';
import { loadFlowPackage } from '../load-package.ts';

/** The built-in package every hostile one starts from. */
export const BUILT_IN_FLOW = join(import.meta.dirname, '../../../../flows/si-payment-certificate');

/** A temporary folder holding `pkg/` (a copy of the built-in package) and room outside it. */
export interface HostilePackage {
  /** The package folder. */
  dir: string;
  /** A folder next to the package, outside it. */
  outside: string;
}

const roots: string[] = [];

/** Copies the built-in package to a fresh temporary folder and lets `alter` break it. */
export function hostilePackage(alter: (pkg: HostilePackage) => void): HostilePackage {
  const root = mkdtempSync(join(tmpdir(), 'kiosk24-hostile-'));
  roots.push(root);
  const pkg = { dir: join(root, 'pkg'), outside: join(root, 'outside') };
  cpSync(BUILT_IN_FLOW, pkg.dir, { recursive: true });
  cpSync(BUILT_IN_FLOW, pkg.outside, { recursive: true });
  alter(pkg);
  return pkg;
}

/** Rewrites the package's flow.json with `change` applied to it. */
export function editManifest(dir: string, change: (manifest: Record<string, unknown>) => void) {
  const file = join(dir, 'flow.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(manifest);
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

/** The problems the loader refuses `dir` with; fails the test when it loads. */
export function refusal(dir: string): FlowPackageErrors {
  try {
    loadFlowPackage(dir);
  } catch (error) {
    if (error instanceof FlowPackageErrors) return error;
    throw error;
  }
  throw new Error(`expected ${dir} to be refused`);
}

/** Removes every temporary folder `hostilePackage` made (run it in afterAll). */
export function removeHostilePackages(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}
