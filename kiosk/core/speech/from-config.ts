import type { Logger } from 'pino';
import { silentEngine, type SpeechPlayer } from './engine.ts';
import { espeakEngine } from './espeak.ts';
import { aplayPlayer } from './player.ts';
import { Speaker } from './speaker.ts';

/** The `speech` settings of the config file (config/schema.ts). */
export interface SpeechSettings {
  engine: 'espeak-ng' | 'none';
  player: 'aplay' | 'none';
}

/** A player for `speech.player: none`: the speech is made and dropped. */
const noPlayer: SpeechPlayer = { play: () => Promise.resolve() };

/** The kiosk's speaker as the config sets it up. */
export function speakerFor(settings: SpeechSettings, log: Logger): Speaker {
  const engine = settings.engine === 'espeak-ng' ? espeakEngine() : silentEngine;
  const player = settings.player === 'aplay' ? aplayPlayer() : noPlayer;
  return new Speaker(engine, player, log);
}
