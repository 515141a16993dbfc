import type { BlockView } from '../../contract.ts';

/** A paragraph of instructions; `hint` is quieter, `strong` stands out. */
export function TextBlock({ block }: { block: Extract<BlockView, { kind: 'text' }> }) {
  return <p class={`block-text block-text--${block.emphasis ?? 'normal'}`}>{block.text}</p>;
}
