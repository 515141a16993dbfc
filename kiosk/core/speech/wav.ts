/**
 * The little of the WAV format speech needs: espeak-ng writes a stream header whose sizes are
 * placeholders (it cannot seek back on a pipe), so the engine writes the true sizes before the
 * bytes go anywhere; and a reader of the PCM samples for checks of what was said.
 */

/** Bytes before the samples in espeak-ng's canonical 44-byte header. */
const HEADER_BYTES = 44;

/** Sets the RIFF and data chunk sizes of a canonical PCM WAV to the bytes actually there. */
export function fixWavSizes(wav: Buffer): Uint8Array {
  if (wav.length < HEADER_BYTES || wav.toString('ascii', 0, 4) !== 'RIFF') {
    throw new Error('the speech engine did not produce a WAV file');
  }
  if (wav.toString('ascii', 36, 40) !== 'data') return wav;
  wav.writeUInt32LE(wav.length - 8, 4);
  wav.writeUInt32LE(wav.length - HEADER_BYTES, 40);
  return wav;
}

/** What a 16-bit mono PCM WAV holds: its length and its loudness. */
export interface WavStats {
  sampleRate: number;
  seconds: number;
  /** Root mean square of the samples, 0..1 of full scale. */
  rms: number;
}

/** Reads a 16-bit PCM WAV as written by {@link fixWavSizes}. */
export function wavStats(bytes: Uint8Array): WavStats {
  const wav = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (wav.length < HEADER_BYTES || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file');
  }
  const channels = wav.readUInt16LE(22);
  const sampleRate = wav.readUInt32LE(24);
  const bits = wav.readUInt16LE(34);
  if (bits !== 16) throw new Error(`WAV has ${bits}-bit samples; only 16-bit is read`);
  const count = Math.floor((wav.length - HEADER_BYTES) / 2);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const s = wav.readInt16LE(HEADER_BYTES + i * 2) / 32768;
    sum += s * s;
  }
  return {
    sampleRate,
    seconds: count / channels / sampleRate,
    rms: count === 0 ? 0 : Math.sqrt(sum / count),
  };
}
