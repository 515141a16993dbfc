import type { ListBlockView, ListItemView } from '../../contract.ts';
import { chromeText } from '../chrome-text.ts';
import { useSendAction } from '../parts/action-context.ts';
import { useView } from '../parts/view-context.ts';

/** The words of one row: its title, then its lines. */
function RowText({ item }: { item: ListItemView }) {
  return (
    <span class="list-text">
      <span class="list-title">{item.title}</span>
      {item.lines.map((line, index) => (
        <span key={index} class="list-line">
          {line}
        </span>
      ))}
    </span>
  );
}

/** A row that does something when touched: pick it (choices) or tick it (checklist). */
function RowButton({ item, checklist }: { item: ListItemView; checklist: boolean }) {
  const send = useSendAction();
  const action = item.action;
  if (action === undefined) return <RowText item={item} />;
  const ticked = item.selected === true;
  return (
    <button
      type="button"
      class={`list-row list-row--${checklist ? 'check' : 'choice'}${ticked ? ' is-selected' : ''}`}
      data-item={item.id}
      disabled={action.disabled === true}
      {...(checklist ? { role: 'checkbox', 'aria-checked': ticked } : {})}
      onClick={() => send(action)}
    >
      {checklist && (
        <span class="list-tick" aria-hidden="true">
          {ticked ? '✓' : ''}
        </span>
      )}
      <RowText item={item} />
      {!checklist && (
        <span class="list-chevron" aria-hidden="true">
          ›
        </span>
      )}
    </button>
  );
}

const STEP_ICONS = { done: '✓', current: '●', todo: '○' } as const;

/** A progress timeline: each step says in words (and an icon) whether it is done, under way or to come. */
function Steps({ items }: { items: ListItemView[] }) {
  const text = chromeText(useView().locale);
  const words = { done: text.stepDone, current: text.stepCurrent, todo: text.stepTodo };
  return (
    <ol class="block-list block-list--steps">
      {items.map((item) => {
        const state = item.state ?? 'todo';
        return (
          <li
            key={item.id}
            class={`step step--${state}`}
            data-item={item.id}
            data-state={state}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span class="step-icon" aria-hidden="true">
              {STEP_ICONS[state]}
            </span>
            <RowText item={item} />
            <span class="step-state">{words[state]}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** Rows a flow filled from data: choices to pick, a checklist, a timeline, or plain facts. */
export function ListBlock({ block }: { block: ListBlockView }) {
  if (block.items.length === 0) {
    return block.empty === undefined ? null : (
      <p class="block-text block-text--hint block-list-empty">{block.empty}</p>
    );
  }
  if (block.style === 'steps') return <Steps items={block.items} />;
  const touchable = block.style === 'choices' || block.style === 'checklist';
  return (
    <ul class={`block-list block-list--${block.style}`}>
      {block.items.map((item) => (
        <li key={item.id} class="list-item" data-item={touchable ? undefined : item.id}>
          {touchable ? (
            <RowButton item={item} checklist={block.style === 'checklist'} />
          ) : (
            <RowText item={item} />
          )}
        </li>
      ))}
    </ul>
  );
}
