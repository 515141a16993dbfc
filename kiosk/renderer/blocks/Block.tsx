import type { BlockView } from '../../contract.ts';
import { ChoicesBlock } from './ChoicesBlock.tsx';
import { EntryBlock } from './EntryBlock.tsx';
import { FieldsBlock } from './FieldsBlock.tsx';
import { IllustrationBlock } from './IllustrationBlock.tsx';
import { ListBlock } from './ListBlock.tsx';
import { ProgressBlock } from './ProgressBlock.tsx';
import { QrBlock } from './QrBlock.tsx';
import { RatingBlock } from './RatingBlock.tsx';
import { TextBlock } from './TextBlock.tsx';
import { TicketBlock } from './TicketBlock.tsx';

/** Draws one block by its kind; a kind this renderer does not know is left out, not guessed. */
export function Block({ block }: { block: BlockView }) {
  switch (block.kind) {
    case 'text':
      return <TextBlock block={block} />;
    case 'fields':
      return <FieldsBlock block={block} />;
    case 'choices':
      return <ChoicesBlock block={block} />;
    case 'illustration':
      return <IllustrationBlock block={block} />;
    case 'progress':
      return <ProgressBlock block={block} />;
    case 'rating':
      return <RatingBlock block={block} />;
    case 'ticket':
      return <TicketBlock block={block} />;
    case 'list':
      return <ListBlock block={block} />;
    case 'entry':
      // Keyed by what it asks for, so a new field never starts with the last one's value.
      return <EntryBlock key={`${block.event}|${block.pad}|${block.label}`} block={block} />;
    case 'qr':
      return <QrBlock block={block} />;
    default:
      return null;
  }
}

/** Draws a list of blocks in order. */
export function Blocks({ blocks }: { blocks: BlockView[] }) {
  return (
    <>
      {blocks.map((block, index) => (
        <Block key={`${block.kind}-${index}`} block={block} />
      ))}
    </>
  );
}
