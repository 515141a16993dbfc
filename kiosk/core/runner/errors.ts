/**
 * Why a flow package was refused: the file, the place inside it (a JSON pointer) and the fix,
 * so a vendor's engineer can correct the package without reading kiosk code.
 */
export class FlowPackageError extends Error {
  override readonly name = 'FlowPackageError';

  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${file}${pointer ? ` at ${pointer}` : ''}: ${problem}. Fix: ${fix}`);
  }
}

/** Several problems found in one package, reported together. */
export class FlowPackageErrors extends Error {
  override readonly name = 'FlowPackageErrors';

  constructor(
    readonly packageDir: string,
    readonly problems: FlowPackageError[],
  ) {
    super(
      `flow package ${packageDir} was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.message}`).join('\n'),
    );
  }
}
