import type { BlockView } from '../../contract.ts';
import { ILLUSTRATIONS } from './illustrations.tsx';

/** A drawing that shows what to do (insert the card, take the receipt…), named by the core. */
export function IllustrationBlock({
  block,
}: {
  block: Extract<BlockView, { kind: 'illustration' }>;
}) {
  const Drawing = ILLUSTRATIONS[block.name];
  return (
    <figure class={`block-illustration illustration--${block.name}`}>
      <svg viewBox="0 0 240 200" role="img" aria-label={block.alt}>
        <Drawing />
      </svg>
    </figure>
  );
}
