import type { BlockView } from '../../contract.ts';

/** Labelled values for a person to check (already masked by the core). */
export function FieldsBlock({ block }: { block: Extract<BlockView, { kind: 'fields' }> }) {
  return (
    <dl class="block-fields">
      {block.rows.map((row, index) => (
        <div class="field-row" key={index}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
