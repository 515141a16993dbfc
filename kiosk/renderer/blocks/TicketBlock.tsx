import type { BlockView } from '../../contract.ts';

/** A queue ticket number, large enough to read from a step back. */
export function TicketBlock({ block }: { block: Extract<BlockView, { kind: 'ticket' }> }) {
  return (
    <div class="block-ticket">
      <p class="ticket-number">{block.number}</p>
      <p class="ticket-text">{block.text}</p>
    </div>
  );
}
