import QRCode from 'qrcode';
import { useId, useMemo } from 'preact/hooks';
import type { QrBlockView } from '../../contract.ts';

/** White modules around the code: the QR standard asks for four so a phone can find its edge. */
const QUIET_ZONE = 4;

/** The SVG path of a QR code's dark modules, one unit square each. */
export function qrPath(text: string): { size: number; path: string } {
  // Level M survives a smudge or glare on the glass and keeps the code coarse enough to read.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y += 1) {
    for (let x = 0; x < modules.size; x += 1) {
      if (modules.get(y, x)) parts.push(`M${x} ${y}h1v1h-1z`);
    }
  }
  return { size: modules.size, path: parts.join('') };
}

/** A QR code drawn on the screen as SVG (navigation, remote help, progress), with its caption. */
export function QrBlock({ block }: { block: QrBlockView }) {
  const code = useMemo(() => {
    try {
      return qrPath(block.text);
    } catch {
      // Too long for any QR version: say so in the caption rather than draw a broken code.
      return null;
    }
  }, [block.text]);
  const captionId = `qr-caption-${useId()}`;
  const box = code === null ? 0 : code.size + 2 * QUIET_ZONE;
  return (
    <figure class="block-qr" data-qr={block.text}>
      {code !== null && (
        <svg
          class="qr-code"
          viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${box} ${box}`}
          role="img"
          aria-labelledby={captionId}
          shape-rendering="crispEdges"
        >
          <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={box} height={box} fill="#ffffff" />
          <path d={code.path} fill="#000000" />
        </svg>
      )}
      <figcaption id={captionId} class="qr-caption">
        {block.caption}
      </figcaption>
    </figure>
  );
}
