import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntryBlockView } from '../../contract.ts';
import { chromeText } from '../chrome-text.ts';
import {
  canSubmit,
  groupForDisplay,
  padCharacter,
  padRows,
  pressKey,
  type PadKey,
} from '../entry-pads.ts';
import { useSendAction } from '../parts/action-context.ts';
import { useView } from '../parts/view-context.ts';

/**
 * A field typed on a pad the kiosk draws. There is no <input>: nothing here can call up the
 * operating system's keyboard, and what is typed lives only in this component until it is
 * submitted. The typed value is shown large and read out through a live region.
 */
export function EntryBlock({ block }: { block: EntryBlockView }) {
  const [value, setValue] = useState('');
  const send = useSendAction();
  const text = chromeText(useView().locale);
  const ready = canSubmit(value, block.pad, block.minLength, block.maxLength);
  const labelId = `entry-label-${block.event}`;
  const hintId = `entry-hint-${block.event}`;

  const press = (key: PadKey): void => {
    if (key.kind === 'submit') {
      if (!ready) return;
      send({
        id: 'entry-submit',
        label: block.submitLabel,
        event: block.event,
        data: { value },
        kind: 'primary',
      });
      return;
    }
    setValue((current) => pressKey(current, key, block.pad, block.maxLength));
  };

  // A hardware keyboard types on the same pad, with the same limits, wherever focus is (the
  // heading has it when the screen arrives). Enter and Space stay with the focused button, and
  // nothing is typed behind a dialog (help, the idle warning).
  const typed = useRef<(event: KeyboardEvent) => void>(() => undefined);
  typed.current = (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
    if (document.querySelector('[aria-modal="true"]') !== null) return;
    if (event.key === 'Backspace') press({ kind: 'delete' });
    else {
      const c = padCharacter(block.pad, event.key);
      if (c === null) return;
      press({ kind: 'char', char: c });
    }
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => typed.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <div
      class={`block-entry block-entry--${block.pad}`}
      role="group"
      aria-labelledby={labelId}
      aria-describedby={block.hint === undefined ? undefined : hintId}
    >
      <p id={labelId} class="entry-label">
        {block.label}
      </p>
      <div class="entry-field">
        <output class="entry-value" data-entry-value={value} aria-live="polite" aria-atomic="true">
          {value.length === 0 ? (
            <span class="visually-hidden">{text.nothingTyped}</span>
          ) : (
            groupForDisplay(value)
          )}
        </output>
        <span class="entry-count">{text.typedCount(value.length, block.maxLength)}</span>
      </div>
      {block.hint !== undefined && (
        <p id={hintId} class="block-text block-text--hint">
          {block.hint}
        </p>
      )}
      <div class="entry-pad" data-pad={block.pad}>
        {padRows(block.pad).map((row, index) => (
          <div key={index} class="entry-row">
            {row.map((key) => (
              <PadButton
                key={key.kind === 'char' ? key.char : key.kind}
                padKey={key}
                submitLabel={block.submitLabel}
                deleteLabel={text.deleteKey}
                disabled={
                  (key.kind === 'submit' && !ready) || (key.kind === 'delete' && value === '')
                }
                onPress={press}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

function PadButton({
  padKey,
  submitLabel,
  deleteLabel,
  disabled,
  onPress,
}: {
  padKey: PadKey;
  submitLabel: string;
  deleteLabel: string;
  disabled: boolean;
  onPress: (key: PadKey) => void;
}) {
  const kind = padKey.kind;
  return (
    <button
      type="button"
      class={`pad-key pad-key--${kind}`}
      data-key={kind === 'char' ? padKey.char : kind}
      disabled={disabled}
      aria-label={kind === 'delete' ? deleteLabel : undefined}
      onClick={() => onPress(padKey)}
    >
      {kind === 'char' ? padKey.char : kind === 'delete' ? '⌫' : `✓ ${submitLabel}`}
    </button>
  );
}
