import type { BlockView } from '../../contract.ts';

/** Work in progress with no known end (reading a card, printing): a calm, moving indicator. */
export function ProgressBlock({ block }: { block: Extract<BlockView, { kind: 'progress' }> }) {
  return (
    <div class="block-progress" role="status">
      <div class="progress-track" aria-hidden="true">
        <div class="progress-bar" />
      </div>
      <p>{block.text}</p>
    </div>
  );
}
