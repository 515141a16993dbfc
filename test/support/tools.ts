import { spawnSync } from 'node:child_process';

/**
 * Finds a system tool a test needs. Under CI=true a missing tool fails the test run loudly;
 * on a developer machine it also fails, with the install hint, because a skipped real-part
 * test must never count as passing.
 */
export function requireTool(name: string, debianPackage: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || path.length === 0) {
    throw new Error(
      `the test needs "${name}" (Debian package ${debianPackage}) and it is not installed. Run "npm run setup" to install the system packages.`,
    );
  }
  return path;
}
