import { powerSaveBlocker } from 'electron';

/** A held "keep the display on" request; `release` lets the screen sleep again. */
export interface DisplayWakeLock {
  release(): void;
}

/**
 * Keeps the kiosk's screen on. A 7x24 terminal whose display sleeps looks broken to the next
 * resident, and a touch to wake it is easily taken as a button press.
 */
export function keepDisplayAwake(): DisplayWakeLock {
  const id = powerSaveBlocker.start('prevent-display-sleep');
  return {
    release() {
      if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
    },
  };
}
