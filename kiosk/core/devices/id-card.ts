/** Opens the ID card reader the config names, or its simulator behind a pty pair. */
import type { DeviceState } from '../../../drivers/device/model.ts';
import { IdCardReader, startIdCardSimulator } from '../../../drivers/id-card/index.ts';
import {
  devicePathIdentity,
  ReconnectingTransport,
} from '../../../drivers/transports/reconnecting.ts';
import { SerialTransport } from '../../../drivers/transports/serial.ts';
import type { ByteTransport } from '../../../drivers/transports/types.ts';
import type { KioskConfig } from '../config/index.ts';
import { reconnecting, type DeviceOpening } from './opening.ts';
import { idCardTimeouts } from './simulated-timing.ts';

/** The opened reader, and its state as residents and technicians should see it. */
export interface OpenedIdCardReader {
  reader?: IdCardReader;
  /** The reader's state; "no device" with the reason while it has not answered since start-up. */
  state(): DeviceState | undefined;
}

/**
 * Opens the ID card reader. A reader missing at start-up does not fail the kiosk: it is
 * awaited in the background and comes into service when it is plugged in.
 */
export async function openIdCardReader(
  idConfig: KioskConfig['devices']['idCard'],
  opening: DeviceOpening,
): Promise<OpenedIdCardReader> {
  const { log } = opening;
  let idCard: IdCardReader | undefined;
  /** Why the ID card reader has not been reachable since start-up; cleared when it comes. */
  let idCardWaiting: string | undefined;
  try {
    let path = idConfig.path;
    if (idConfig.mode === 'simulated') {
      const pair = await opening.pty();
      const simulator = await startIdCardSimulator({
        path: pair.devicePath,
        baudRate: idConfig.baudRate,
      });
      opening.simulators.idCard = simulator;
      opening.closeLater(() => simulator.close());
      path = pair.hostPath;
    }
    const serialPath = path ?? '';
    // A USB-serial reader that is unplugged and plugged back in is reopened with back-off;
    // the reader driver keeps its listeners and the kiosk keeps running.
    const openLink = (): Promise<ByteTransport> =>
      SerialTransport.open({ path: serialPath, baudRate: idConfig.baudRate });
    // A reader missing at start-up is logged once and then awaited in the background: plugging
    // it in later brings the service back without restarting the kiosk.
    const transport = await reconnecting(
      serialPath,
      openLink,
      log.child({ device: 'id-card' }),
    ).catch((error: unknown) => {
      idCardWaiting = `ID card reader ${serialPath} cannot be opened yet (${(error as Error).message})`;
      log.error({ device: 'idCardReader' }, `${idCardWaiting}; waiting for it`);
      return ReconnectingTransport.start({
        name: serialPath,
        open: openLink,
        identity: devicePathIdentity(serialPath),
        logger: log.child({ device: 'id-card' }),
      });
    });
    const reader = new IdCardReader(transport, {
      simulated: idConfig.mode === 'simulated',
      timeouts: idCardTimeouts(idConfig.mode),
      logger: log.child({ device: 'id-card' }),
    });
    idCard = reader;
    opening.closeLater(() => reader.close());
    reader.onStateChange(opening.changed);
    // The reader learns of an unplug or a replug only from its next command; ask it at once so
    // the menu and the maintenance screen follow the cable.
    const stopFollowing = transport.onStatus((status) => {
      if (status === 'online') idCardWaiting = undefined;
      reader.selfTest().catch((error: unknown) => {
        log.warn({ err: error }, 'ID card reader self-test after a link change failed');
      });
    });
    // Runs before the reader closes (closers run in reverse): the link going offline because
    // the kiosk closes it is no unplug, and a self-test then could only fail.
    opening.closeLater(() => Promise.resolve(void stopFollowing()));
    const state = await reader.open();
    if (state.status !== 'online' && idCardWaiting === undefined)
      log.error({ device: 'id-card' }, `ID card reader is ${state.status}: ${state.detail}`);
  } catch (error) {
    opening.fail(
      'idCardReader',
      `ID card reader (${idConfig.mode}${idConfig.path ? ` ${idConfig.path}` : ''}) cannot be opened`,
      error,
    );
  }
  return {
    reader: idCard,
    // A reader that never answered since start-up is "no device", with the reason it could not open.
    state: () => {
      const state = idCard?.state();
      if (!state || idCardWaiting === undefined) return state;
      return { ...state, status: 'noDevice', detail: idCardWaiting };
    },
  };
}
