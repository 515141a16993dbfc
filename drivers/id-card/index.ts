/**
 * The GA 467 ID-card reader: what code outside drivers/id-card uses. The codec modules stay
 * importable directly for tools and fuzzers; capabilities need only what is listed here.
 */
export { IdCardReader, DEFAULT_TIMEOUTS, stretchedTimeouts } from './reader.ts';
export type { CommandTimeouts, IdCardReaderEvents, IdCardReaderOptions } from './reader.ts';
export type { ReadCardOptions } from './card-poll.ts';
export type {
  CardType,
  DecodedPhoto,
  Gender,
  IdCardRecord,
  IdCardText,
  WltDecoder,
} from './record.ts';
export type { SamId } from './payloads.ts';
export { IdCardSimulator, startIdCardSimulator } from './simulator.ts';
export type {
  IdCardSimulatorOptions,
  RunningIdCardSimulator,
  SimulatorFault,
} from './simulator.ts';
export { createSimulatedReader } from './simulated-reader.ts';
export type { SimulatedReader } from './simulated-reader.ts';
export { CARD_PROFILES, cardProfile } from './profiles.ts';
export type { CardProfile } from './profiles.ts';
export { SW3_TABLE, describeSw3, sw3Meaning } from './status-codes.ts';
export type { Sw3Action, Sw3Meaning } from './status-codes.ts';
