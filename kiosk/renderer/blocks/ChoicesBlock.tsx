import type { BlockView } from '../../contract.ts';
import { ActionButton } from '../parts/ActionButton.tsx';

/** A set of large tiles to pick one service or option from. */
export function ChoicesBlock({ block }: { block: Extract<BlockView, { kind: 'choices' }> }) {
  return (
    <div class="block-choices" role="group">
      {block.choices.map((choice) => (
        <ActionButton key={choice.id} action={choice} variant="tile" />
      ))}
    </div>
  );
}
