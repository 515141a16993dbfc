import type { Logger } from 'pino';
import type { IdCardRecord } from '../../../drivers/id-card/record.ts';
import type { ApplicationDesk } from '../journal/applications.ts';
import type { Journal } from '../journal/journal.ts';
import type { PlatformClient } from '../platform/client.ts';
import type { Clock } from '../session/idle.ts';
import type { Requirement } from './catalogue.ts';
import type { CodeSource } from './scan.ts';
import type { SessionVault } from './vault.ts';

/** The parts of the kiosk the capabilities reach; assembled once at start-up. */
export interface CapabilityPorts {
  kioskId: string;
  readIdCard(options: { signal: AbortSignal; timeoutMs: number }): Promise<IdCardRecord>;
  /** The QR scanner as it is now (it may be reopened), or undefined when there is none. */
  scanner(): CodeSource | undefined;
  platform: PlatformClient;
  renderCertificate(template: string, data: Record<string, unknown>): Promise<Uint8Array>;
  printDocument(
    pdf: Uint8Array,
    options: { title: string; signal: AbortSignal },
  ): Promise<{ jobId: string }>;
  renderReceipt(template: string, data: Record<string, unknown>): Promise<Uint8Array>;
  printReceipt(bytes: Uint8Array, options: { signal: AbortSignal }): Promise<void>;
  outOfService(): Requirement[];
  /** Where the kiosk stands (config `location`), so `hall.list` can order halls by distance. */
  location?: { lat: number; lng: number };
  log: Logger;
  /** Where each step is written before it is acted on; absent only in tests that need none. */
  journal?: JourneyJournal;
  /** Where bundle applications are numbered, journaled and sent; absent without a journal. */
  applications?: Pick<ApplicationDesk, 'submit'>;
}

/** The part of the journal the capabilities write to. */
export type JourneyJournal = Pick<
  Journal,
  'step' | 'printStarted' | 'printConfirmed' | 'printFailed'
>;

/** What one capability call gets: the kiosk's ports and the session it runs for. */
export interface CapabilityCall {
  ports: CapabilityPorts;
  /** The session's sealed personal data, reachable only from capabilities. */
  vault: SessionVault;
  sessionRef: string;
  clock: Clock;
  /** Aborts when the flow leaves the state, the session ends or the deadline passes. */
  signal: AbortSignal;
}
