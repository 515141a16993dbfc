import { z } from 'zod';
import { CARD_PROFILES, cardProfile, type SimulatorFault } from '../../drivers/id-card/index.ts';
import type { SimulatedPaper as ReceiptPaper } from '../../drivers/receipt-printer/simulator.ts';
import type { SimulatedPaper as DocumentPaper } from '../../drivers/document-printer/folder-printer.ts';
import type { FaultTarget, SimulatorState } from '../contract.ts';
import type { KioskDevices } from './devices/index.ts';
import { SandboxFaults, type FaultSettings } from './platform/sandbox/faults.ts';

/**
 * A change to the sandbox platform's faults: `clear` first removes every fault, then the other
 * fields are set as `SandboxFaults.set` sets them (`down: null` brings the platform back).
 */
export type PlatformFaultChange = FaultSettings & { clear?: boolean };

/**
 * The levers of the simulated devices, served by the browser host under /sim so a person
 * or a test can play the resident's part (insert a card, show a QR code) and the
 * technician's (paper out, reader fault). A failed call rejects with a message for people.
 */
export interface SimulatorControl {
  state(): Promise<SimulatorState>;
  insertCard(profileId: string): Promise<void>;
  removeCard(): Promise<void>;
  scanCode(text: string): Promise<void>;
  /**
   * Shows the simulated QR scanner the phone resident code (居民码) of a seeded person, as
   * the embedded sandbox platform issues it; `expired` asks for one already past its expiry.
   */
  showResidentCode(profileId: string, options: { expired?: boolean }): Promise<void>;
  setPaper(printer: 'receipt' | 'document', state: string): Promise<void>;
  fault(device: FaultTarget, fault: string): Promise<void>;
  /**
   * Takes the embedded sandbox platform down (`down`), slows it (`delayMs`), fails the next
   * requests (`failNext`, `count`) or brings it back (`down: null`, or `clear`).
   */
  platform(change: PlatformFaultChange): Promise<void>;
}

const ID_FAULTS: readonly SimulatorFault[] = [
  'pull-mid-read',
  'bad-checksum',
  'silence',
  'self-test-fail',
  'not-authorised',
];
const PLATFORM_FAULTS = ['timeout', 'http-500', 'malformed', 'unavailable'] as const;
/** The sandbox answers on loopback at once; longer means it is stuck, not slow. */
const RESIDENT_CODE_TIMEOUT_MS = 5000;
const issuedCode = z.object({ code: z.string().min(1) });
const sandboxRefusal = z.object({ error: z.object({ message: z.string() }) });

/** Asks the embedded sandbox for a resident's phone code; fails with a sentence for the panel. */
async function fetchResidentCode(
  baseUrl: string,
  profileId: string,
  options: { expired?: boolean },
): Promise<string> {
  const url = new URL(`sandbox/resident-codes/${encodeURIComponent(profileId)}`, `${baseUrl}/`);
  if (options.expired === true) url.searchParams.set('expired', 'true');
  const reply = await fetch(url, { signal: AbortSignal.timeout(RESIDENT_CODE_TIMEOUT_MS) }).catch(
    (error: unknown) => {
      throw new Error(
        `the sandbox platform did not hand out a resident code (${error instanceof Error ? error.message : String(error)}); check that it is running`,
        { cause: error },
      );
    },
  );
  // A body that is not JSON is judged below like one that lacks the expected fields.
  const body: unknown = await reply.json().catch(() => null);
  if (!reply.ok) {
    const refusal = sandboxRefusal.safeParse(body);
    throw new Error(
      refusal.success
        ? `no resident code for "${profileId}": ${refusal.data.error.message}`
        : `the sandbox platform refused a resident code for "${profileId}" (HTTP ${reply.status})`,
    );
  }
  const issued = issuedCode.safeParse(body);
  // The reply itself is never quoted: it holds the code, which is personal data.
  if (!issued.success)
    throw new Error('the sandbox platform sent a resident code reply without a code');
  return issued.data.code;
}

/**
 * The levers of every simulated device and of the sandbox platform, behind the /sim API.
 * Each call fails with a sentence saying what is not simulated here, so a technician using the
 * panel on a kiosk with real devices knows why nothing happened. `sandboxBaseUrl` is the
 * embedded sandbox's address, or undefined when the kiosk talks to a real platform.
 */
export function createSimulatorControl(
  devices: KioskDevices,
  platformFaults: SandboxFaults | undefined,
  refresh: () => void,
  sandboxBaseUrl: string | undefined,
): SimulatorControl {
  let insertedCard: string | null = null;
  let receiptPaper: ReceiptPaper = 'ok';
  let documentPaper: DocumentPaper = 'ok';
  const idSim = () => {
    if (!devices.simulators.idCard)
      throw new Error('the ID card reader is not simulated on this kiosk');
    return devices.simulators.idCard;
  };

  return {
    state: (): Promise<SimulatorState> =>
      Promise.resolve({
        cards: CARD_PROFILES.map((p) => ({ id: p.id, label: p.label })),
        insertedCard,
        receiptPaper,
        documentPaper,
        devices: devices.states(),
        platform: platformFaults?.state ?? null,
      }),
    insertCard: (profileId) => {
      const profile = cardProfile(profileId);
      idSim().insert(profile);
      insertedCard = profile.id;
      return Promise.resolve();
    },
    removeCard: () => {
      idSim().remove();
      insertedCard = null;
      return Promise.resolve();
    },
    scanCode: (text) => {
      const sim = devices.simulators.scanner;
      if (!sim) return Promise.reject(new Error('the QR scanner is not simulated on this kiosk'));
      return sim.scan(text, { symbology: 'qr', aim: true });
    },
    showResidentCode: async (profileId, options) => {
      // Both checks come first, so no code is issued that nothing could scan.
      if (sandboxBaseUrl === undefined) {
        throw new Error(
          'the platform is not the embedded sandbox on this kiosk, so it issues no resident codes; show a real phone code to the scanner instead',
        );
      }
      const sim = devices.simulators.scanner;
      if (!sim) throw new Error('the QR scanner is not simulated on this kiosk');
      // The code is personal data: it goes straight to the scanner and is never logged.
      const code = await fetchResidentCode(sandboxBaseUrl, profileId, options);
      await sim.scan(code, { symbology: 'qr', aim: true });
    },
    setPaper: (printer, state) => {
      if (printer === 'receipt') {
        const sim = devices.simulators.receipt;
        if (!sim)
          return Promise.reject(new Error('the receipt printer is not simulated on this kiosk'));
        sim.setPaper(state as ReceiptPaper);
        receiptPaper = state as ReceiptPaper;
        // The driver learns about paper by polling, as it would with a real printer.
        void devices.receiptPrinter?.status().then(refresh, refresh);
      } else {
        const sim = devices.simulators.document;
        if (!sim)
          return Promise.reject(new Error('the document printer is not simulated on this kiosk'));
        sim.setPaper(state as DocumentPaper);
        documentPaper = state as DocumentPaper;
      }
      refresh();
      return Promise.resolve();
    },
    fault: (device: FaultTarget, fault: string) => {
      if (device === 'idcard') {
        if (fault === 'none') idSim().clearFaults();
        else if ((ID_FAULTS as readonly string[]).includes(fault))
          idSim().fault(fault as SimulatorFault);
        else
          return Promise.reject(
            new Error(`unknown ID card fault "${fault}"; use one of none, ${ID_FAULTS.join(', ')}`),
          );
        return Promise.resolve();
      }
      if (device === 'platform') {
        if (!platformFaults)
          return Promise.reject(
            new Error('the platform is not the embedded sandbox on this kiosk'),
          );
        if (fault === 'none') platformFaults.clear();
        // A fault set from the panel lasts until the technician clears it with "none".
        else if (fault === 'http-500' || fault === 'unavailable')
          platformFaults.set({ down: fault });
        else if ((PLATFORM_FAULTS as readonly string[]).includes(fault))
          platformFaults.set({ failNext: fault as (typeof PLATFORM_FAULTS)[number], count: 1000 });
        else
          return Promise.reject(
            new Error(
              `unknown platform fault "${fault}"; use one of none, ${PLATFORM_FAULTS.join(', ')}`,
            ),
          );
        return Promise.resolve();
      }
      return Promise.reject(
        new Error(`faults for the ${device} printer are set with the paper control`),
      );
    },
    platform: ({ clear, ...settings }) => {
      if (!platformFaults)
        return Promise.reject(new Error('the platform is not the embedded sandbox on this kiosk'));
      try {
        // Checked before anything is cleared, so a refused change leaves the faults as they were.
        const trial = new SandboxFaults();
        trial.set(settings);
        if (clear === true) platformFaults.clear();
        platformFaults.set(settings);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return Promise.resolve();
    },
  };
}
