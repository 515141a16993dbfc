/** Why a receipt could not be encoded; callers branch on this, never on the message. */
export type ReceiptEncodingReason =
  /** A character has no GB18030 (or, per profile, GBK) code. */
  | 'unencodable'
  /** Text carries a control byte that would be read as a printer command. */
  | 'controlCharacter'
  /** Text does not fit on the line at the current font and size. */
  | 'lineTooLong'
  /** Barcode data break the symbology's rule. */
  | 'invalidBarcode'
  /** QR data are empty or too long, or a QR setting is out of range. */
  | 'invalidQr'
  /** An image is wider than the paper or malformed. */
  | 'invalidImage'
  /** A numeric setting is out of range. */
  | 'invalidArgument'
  /** The profile cannot print CJK text and no glyph source was given to rasterize it. */
  | 'noChineseSupport';

/** A receipt that cannot be turned into printer bytes; `text` is the offending input. */
export class ReceiptEncodingError extends Error {
  override readonly name = 'ReceiptEncodingError';
  constructor(
    message: string,
    readonly reason: ReceiptEncodingReason,
    /** The text, data or value that was refused. */
    readonly text: string,
  ) {
    super(message);
  }
}
