/** What the flow tester refuses a flow for. */
export type ProblemKind =
  /** A path that can never end: no final state, no idle timeout, no way out. */
  | 'stuck'
  /** The flow goes round for ever, or a runtime budget stopped it for looping. */
  | 'loop'
  /** A screen the resident can only leave by walking away (the idle timeout). */
  | 'no-way-forward'
  /** A screen shows a string that a language lacks or leaves empty. */
  | 'missing-string'
  /** A `$context`/`$event` reference or `{{placeholder}}` resolves to nothing at run time. */
  | 'unresolved-reference'
  /** Personal data reached what it must not, or outlived the resident's path. */
  | 'leak'
  /** The flow failed at run time for another reason. */
  | 'crash'
  /** The flow has more states than the tester explores. */
  | 'too-large';

/** A problem as one explored step finds it, before the explorer adds the path. */
export interface Finding {
  kind: ProblemKind;
  /** The flow state (dotted path) it was found in. */
  state: string;
  message: string;
}

/** One problem as `flow test` reports it: `path` replays it with `--replay`. */
export interface Problem extends Finding {
  path: string[];
}
