/** One thing wrong with a config file: where, what was there, and what would be accepted. */
export interface ConfigProblem {
  /** Dotted key path, e.g. `devices.receiptPrinter.baudRate`; `(file)` for the whole file. */
  path: string;
  /** The offending value as shown (strings quoted); undefined when missing, a key, or a secret. */
  shown: string | undefined;
  /** What is wrong with it, e.g. `is not allowed`. */
  problem: string;
  /** What would be accepted instead, e.g. `one of 115200, 57600`. */
  allowed: string;
}

/** Flags a `ConfigError` carries; start-up code branches on these, never on the message. */
export interface ConfigErrorFlags {
  /** The named file could not be read (missing, unreadable). */
  unreadable?: boolean;
  /** The file is not valid JSON/YAML; the message names the line. */
  syntax?: boolean;
  /** The file parsed but one or more values are wrong; see `problems`. */
  invalid?: boolean;
}

/** Renders a problem as the one line shown to a technician. */
export function formatProblem(problem: ConfigProblem): string {
  const value = problem.shown === undefined ? '' : ` = ${problem.shown}`;
  return `${problem.path}${value} ${problem.problem}; allowed: ${problem.allowed}`;
}

/**
 * Thrown at start-up when the config cannot be used. The message lists every problem, one
 * per line, so a technician fixes the file in one pass rather than one error per restart.
 */
export class ConfigError extends Error implements Required<ConfigErrorFlags> {
  override readonly name = 'ConfigError';
  readonly unreadable: boolean;
  readonly syntax: boolean;
  readonly invalid: boolean;
  /** The file the problems are in, or undefined for the embedded defaults. */
  readonly file: string | undefined;
  /** Every problem found, in file order as far as the validator reports it. */
  readonly problems: readonly ConfigProblem[];

  constructor(
    file: string | undefined,
    problems: readonly ConfigProblem[],
    flags: ConfigErrorFlags & { cause?: unknown } = {},
  ) {
    const where = file === undefined ? 'the kiosk config' : `config file ${file}`;
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `${where} has ${count}:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
      flags.cause === undefined ? undefined : { cause: flags.cause },
    );
    this.file = file;
    this.problems = problems;
    this.unreadable = flags.unreadable ?? false;
    this.syntax = flags.syntax ?? false;
    this.invalid = flags.invalid ?? false;
  }
}
