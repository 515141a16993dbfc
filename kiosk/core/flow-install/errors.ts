/**
 * Why a pack, sign, install or rollback was refused: one line saying what was wrong and what to
 * do. The CLI prints the message as it is and exits 1, never with a stack trace.
 */
export class InstallRefusal extends Error {
  override readonly name = 'InstallRefusal';

  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}; ${fix}`);
  }
}

/** The error code of a failed file-system call (ENOENT, EACCES, ...), never its message. */
export function errorCode(error: unknown): string {
  const value = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof value === 'string' ? value : 'unknown error';
}
