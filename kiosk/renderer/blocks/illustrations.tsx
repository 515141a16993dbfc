import type { JSX } from 'preact';
import type { BlockView } from '../../contract.ts';

/**
 * Line drawings for the illustration block, drawn in a 240x200 box. They are inline SVG so
 * the page needs no image files or network, and they take their colours from the stylesheet.
 */
type IllustrationName = Extract<BlockView, { kind: 'illustration' }>['name'];

const line = {
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 5,
  'stroke-linejoin': 'round',
  'stroke-linecap': 'round',
} as const;

/** A card the shape of an ID card (85.6 x 54 mm), photo on the right, lowered onto the reader. */
function InsertCard() {
  return (
    <g>
      <rect class="ill-soft" x="30" y="132" width="180" height="48" rx="12" {...line} />
      <rect x="70" y="150" width="100" height="10" rx="5" class="ill-slot" />
      <g class="ill-move-down">
        <rect class="ill-card" x="62" y="40" width="116" height="74" rx="9" {...line} />
        <rect x="138" y="52" width="28" height="36" rx="3" class="ill-accent" />
        <path d="M76 56 H124 M76 70 H116 M76 84 H124 M76 100 H164" {...line} stroke-width={4} />
      </g>
      <path d="M208 30 V92 M196 80 L208 92 L220 80" {...line} class="ill-arrow" />
    </g>
  );
}

/** One of the three corner squares every QR code has, so the drawing reads as a QR code. */
function QrFinder({ x, y }: { x: number; y: number }) {
  return (
    <g>
      <rect x={x} y={y} width="18" height="18" fill="none" stroke="currentColor" stroke-width="3" />
      <rect x={x + 5.5} y={y + 5.5} width="7" height="7" />
    </g>
  );
}

function ScanQr() {
  return (
    <g>
      <rect class="ill-soft" x="30" y="140" width="180" height="40" rx="10" {...line} />
      <rect x="70" y="150" width="100" height="10" rx="5" class="ill-slot" />
      <rect class="ill-card" x="86" y="20" width="68" height="112" rx="10" {...line} />
      <g class="ill-accent">
        <QrFinder x={98} y={38} />
        <QrFinder x={124} y={38} />
        <QrFinder x={98} y={64} />
        <rect x="126" y="66" width="6" height="6" />
        <rect x="136" y="74" width="6" height="6" />
        <rect x="126" y="80" width="6" height="6" />
      </g>
      <path d="M112 104 H128" {...line} />
      <path
        d="M56 134 L84 110 M184 134 L156 110"
        {...line}
        class="ill-arrow"
        stroke-dasharray="6 8"
      />
    </g>
  );
}

function Printer({ paper }: { paper: 'receipt' | 'document' | 'none' }) {
  return (
    <g>
      <rect class="ill-soft" x="40" y="70" width="160" height="70" rx="12" {...line} />
      <rect x="64" y="40" width="112" height="30" rx="4" {...line} />
      <circle cx="176" cy="92" r="6" class="ill-accent" />
      {paper === 'receipt' && (
        <g class="ill-move-down">
          <path
            class="ill-card"
            d="M92 128 H148 V186 L140 180 L132 186 L124 180 L116 186 L108 180 L100 186 L92 180 Z"
            {...line}
          />
          <path d="M102 146 H138 M102 160 H128" {...line} stroke-width={4} />
        </g>
      )}
      {paper === 'document' && (
        <g class="ill-move-down">
          <path class="ill-card" d="M76 128 H164 V192 H76 Z" {...line} />
          <path d="M90 146 H150 M90 160 H150 M90 174 H130" {...line} stroke-width={4} />
        </g>
      )}
      {paper === 'none' && <path d="M70 120 H170" {...line} />}
    </g>
  );
}

function Badge({ tone }: { tone: 'error' | 'success' | 'waiting' }) {
  return (
    <g class={`ill-badge ill-badge--${tone}`}>
      <circle cx="120" cy="100" r="72" {...line} stroke-width={8} />
      {tone === 'success' && <path d="M84 102 L110 128 L158 76" {...line} stroke-width={12} />}
      {tone === 'error' && (
        <g>
          <path d="M120 60 V110" {...line} stroke-width={12} />
          <circle cx="120" cy="138" r="8" fill="currentColor" />
        </g>
      )}
      {tone === 'waiting' && <path d="M120 56 V100 L150 122" {...line} stroke-width={10} />}
    </g>
  );
}

/** One drawing per illustration name in the contract. */
export const ILLUSTRATIONS: Record<IllustrationName, () => JSX.Element> = {
  'insert-card': InsertCard,
  'scan-qr': ScanQr,
  printing: () => <Printer paper="none" />,
  'take-receipt': () => <Printer paper="receipt" />,
  'take-document': () => <Printer paper="document" />,
  error: () => <Badge tone="error" />,
  success: () => <Badge tone="success" />,
  waiting: () => <Badge tone="waiting" />,
};
