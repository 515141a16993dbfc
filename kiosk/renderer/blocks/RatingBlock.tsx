import type { ActionView, BlockView } from '../../contract.ts';
import { useSendAction } from '../parts/action-context.ts';

/** The 好差评 choice: one large button per grade, best first, with a face drawn for each. */
export function RatingBlock({ block }: { block: Extract<BlockView, { kind: 'rating' }> }) {
  const send = useSendAction();
  const grades = gradesOf(block.options);
  return (
    <div class="block-rating" role="group">
      {block.options.map((option, index) => (
        <button
          key={option.id}
          type="button"
          class={`rating-option rating-option--${grades[index] ?? 'fair'}`}
          data-action={option.id}
          disabled={option.disabled === true}
          onClick={() => send(option)}
        >
          <Face grade={grades[index] ?? 'fair'} />
          <span>{option.label}</span>
        </button>
      ))}
    </div>
  );
}

type Grade = 'good' | 'fair' | 'poor';

/**
 * Picks a face per option. The contract does not say which option is best, so a numeric
 * `data.score` on every option wins (higher is better); otherwise the list is taken as
 * best-first, as the 好差评 scheme prints it.
 */
function gradesOf(options: ActionView[]): Grade[] {
  const scores = options.map((option) => option.data?.score);
  const numeric = scores.every((score): score is number => typeof score === 'number');
  const ranks = numeric
    ? scores.map((score) => scores.filter((other) => other > score).length)
    : options.map((_, index) => index);
  const last = Math.max(1, options.length - 1);
  return ranks.map((rank) => {
    const position = rank / last;
    if (position < 0.34) return 'good';
    if (position < 0.67) return 'fair';
    return 'poor';
  });
}

function Face({ grade }: { grade: Grade }) {
  const mouth = {
    good: 'M18 30 Q24 36 30 30',
    fair: 'M18 32 L30 32',
    poor: 'M18 34 Q24 28 30 34',
  }[grade];
  return (
    <svg class="rating-face" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="20" fill="none" stroke="currentColor" stroke-width="3" />
      <circle cx="17" cy="19" r="2.5" fill="currentColor" />
      <circle cx="31" cy="19" r="2.5" fill="currentColor" />
      <path d={mouth} fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
    </svg>
  );
}
