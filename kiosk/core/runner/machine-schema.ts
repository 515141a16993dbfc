import { z } from 'zod';
import {
  ACTION_CAPABILITIES,
  ACTOR_CAPABILITIES,
  GUARD_CAPABILITIES,
} from '../capabilities/catalogue.ts';
import { screenName } from './package-schema.ts';

/*
 * machine.json as a zod schema, for editors: flows/schema/machine.schema.json is generated from
 * it. The kiosk itself checks machines with validate-machine.ts, which walks any input without
 * recursion; machine-schema.test.ts keeps the two in step. Everything capability-shaped is
 * derived from the catalogue, so a new catalogue entry reaches editors on the next generation.
 */

/** Run-time references, as refs.ts resolves them. */
const ref = z
  .string()
  .regex(/^\$(context|event)(\.[A-Za-z0-9_]+)+$/)
  .meta({
    id: 'reference',
    description:
      'A value the runner fills in at run time, e.g. "$event.output" or "$context.resident"',
  });

const SAMPLE_REF = '$context.value';

/** xstate's own events (`xstate.init`, `xstate.done.*`) are the runtime's, never a flow's. */
const eventName = z
  .string()
  .regex(
    /^(?!xstate\.)[a-z][a-z0-9]*(\.[a-z0-9]+)*$/,
    'lower-case and dotted, e.g. "print" or "card.inserted"',
  );

const delay = z.string().regex(/^\d+$/, 'a delay in milliseconds written as digits, e.g. "8000"');

/** How a flow ends; the kiosk decides from it whether to ask for a rating. */
const OUTCOMES = ['completed', 'failed', 'cancelled'] as const;

function oneOrMany<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item)]);
}

function nonEmpty<T>(list: T[], what: string): [T, ...T[]] {
  const [first, ...rest] = list;
  if (first === undefined) throw new Error(`the capability catalogue has no ${what}`);
  return [first, ...rest];
}

type Named = Record<string, { summary: string; params: z.ZodType }>;

/**
 * `{ type, params }` for every catalogue entry, plus the bare name where the entry's params may
 * be left out (xstate accepts a string for a parameterless action or guard).
 */
function namedCall(entries: Named, what: string) {
  const objects = Object.entries(entries).map(([type, entry]) => {
    const params = entry.params.safeParse(undefined).success
      ? entry.params.optional()
      : entry.params;
    return z.strictObject({ type: z.literal(type), params }).describe(entry.summary);
  });
  const call = z.discriminatedUnion('type', nonEmpty(objects, what));
  const bare = Object.entries(entries)
    .filter(([, entry]) => entry.params.safeParse(undefined).success)
    .map(([type]) => type);
  const [first, ...rest] = bare;
  return first === undefined ? call : z.union([call, z.enum([first, ...rest])]);
}

const action = namedCall(ACTION_CAPABILITIES, 'actions').meta({
  id: 'action',
  description: 'An action from the capability catalogue',
});
const actions = oneOrMany(action).meta({ id: 'actions' });
const guard = namedCall(GUARD_CAPABILITIES, 'guards').meta({
  id: 'guard',
  description: 'A guard from the capability catalogue',
});

const transition = z
  .union([
    z.string().describe('The target state'),
    z.strictObject({
      target: oneOrMany(z.string()).optional(),
      guard: guard.optional(),
      actions: actions.optional(),
      reenter: z.boolean().optional(),
      description: z.string().optional(),
    }),
  ])
  .meta({ id: 'transition' });
const transitions = oneOrMany(transition).meta({ id: 'transitions' });

/**
 * A capability's input where each top-level field may also be a reference: the kiosk checks an
 * input holding a reference when the reference is resolved, not at install.
 */
function acceptingRefs(input: z.ZodType): z.ZodType {
  if (!(input instanceof z.ZodObject)) return z.union([input, ref]);
  const fields: Record<string, z.ZodType> = input.shape;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) {
    if (field.safeParse(SAMPLE_REF).success) shape[key] = field;
    else if (field.safeParse(undefined).success) shape[key] = z.union([field, ref]).optional();
    else shape[key] = z.union([field, ref]);
  }
  return z.strictObject(shape);
}

const invokeOne = z
  .discriminatedUnion(
    'src',
    nonEmpty(
      Object.entries(ACTOR_CAPABILITIES).map(([src, entry]) => {
        const input = acceptingRefs(entry.input);
        return z
          .strictObject({
            id: z.string().optional(),
            src: z.literal(src),
            input: entry.input.safeParse({}).success ? input.optional() : input,
            onDone: transitions.optional(),
            onError: transitions.describe(
              'Required: every failure must end on a screen that tells the resident what happened',
            ),
          })
          .describe(entry.summary);
      }),
      'actors',
    ),
  )
  .meta({ id: 'invoke' });

const meta = z.strictObject({
  screen: screenName.optional().describe('The screen of screens.json this state shows'),
});

/** Keys every state may have, final or not. */
const commonKeys = {
  id: z.string().optional(),
  description: z.string().optional(),
  tags: oneOrMany(z.string()).optional(),
  meta: meta.optional(),
  entry: actions.optional(),
  exit: actions.optional(),
};

const finalState = z
  .strictObject({
    ...commonKeys,
    type: z.literal('final'),
    output: z.strictObject({ outcome: z.enum(OUTCOMES) }),
  })
  .describe('A final state: "completed" and "failed" ask for a rating, "cancelled" does not');

const stateNode: z.ZodType = z
  .lazy(() => z.union([finalState, compoundState]))
  .meta({
    id: 'state',
  });

/** Keys of a state that is not final. */
const nodeKeys = {
  ...commonKeys,
  type: z.enum(['atomic', 'compound', 'parallel', 'history']).optional(),
  initial: z.string().optional(),
  // The id sits on the optional wrapper: the generator would otherwise name the cycle itself.
  states: z
    .record(z.string(), stateNode)
    .optional()
    .meta({ id: 'states', description: 'The child states, by name' }),
  on: z.record(eventName, transitions).optional(),
  after: z.record(delay, transitions).optional(),
  always: transitions.optional(),
  invoke: oneOrMany(invokeOne).optional(),
};

const compoundState = z.strictObject(nodeKeys);

/** machine.json: the xstate machine config of a flow, restricted to the capability catalogue. */
export const machineSchema = z.strictObject({
  $schema: z.string().optional().describe('Where an editor finds this JSON Schema (flows/schema)'),
  ...nodeKeys,
  context: z.record(z.string(), z.unknown()).optional(),
});
