import type { EntryBlockView, EntryPad } from '../../contract.ts';

/**
 * What an entry pad lets through. The renderer draws the pad, but a value reaches a flow only
 * after the core checks it here: a hostile renderer can send any text.
 *
 * - `digits`: 0-9 only.
 * - `alphanumeric`: A-Z and 0-9. Letters arrive upper case from the pad; the core does NOT
 *   fold case, so a lower-case value was not typed on the kiosk's pad and is refused (a flow
 *   then compares codes without caring about case).
 * - `credit-code`: the GB 32100 alphabet of unified social credit codes, digits and the capital
 *   letters except I, O, S, V and Z. The check character itself is the flow's and platform's
 *   business; the pad only keeps other characters out.
 */
const PAD_CHARACTERS: Record<EntryPad, RegExp> = {
  digits: /^[0-9]*$/,
  alphanumeric: /^[A-Z0-9]*$/,
  'credit-code': /^[0-9A-HJ-NPQRTUWXY]*$/,
};

/** Why a submitted entry value is refused; undefined when it is accepted. */
export function entryValueProblem(
  entry: EntryBlockView,
  data: Record<string, string | number | boolean>,
): string | undefined {
  const keys = Object.keys(data);
  if (keys.length !== 1 || keys[0] !== 'value') return 'an entry sends exactly {value}';
  const value = data.value;
  if (typeof value !== 'string') return 'an entry value must be text';
  if (value.length < entry.minLength || value.length > entry.maxLength)
    return `an entry value must be ${entry.minLength}-${entry.maxLength} characters long`;
  if (!PAD_CHARACTERS[entry.pad].test(value))
    return `the value has characters the ${entry.pad} pad does not have`;
  return undefined;
}
