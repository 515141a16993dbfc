/**
 * QR and barcode scanners: what code outside drivers/scanner uses. Every kind of scanner is
 * a `Scanner` (a Device that emits checked `codeScanned` events); the codecs stay importable
 * directly for tools and fuzzers.
 */
export type { CodeRefused, CodeScanned, ScanSource, Scanner } from './types.ts';
export type { ScannerCommonOptions } from './scanner-base.ts';
export { DEFAULT_MAX_CODE_LENGTH, readCodeText } from './code-text.ts';
export type { CodeEncoding, CodeTextRules, RefusalReason } from './code-text.ts';
export { AIM_TABLE, aimIdOf, symbologyOfAim } from './symbology.ts';
export type { Symbology } from './symbology.ts';
export { SerialLineScanner } from './serial-line.ts';
export type { SerialLineScannerOptions } from './serial-line.ts';
export type { Terminator } from './line-framer.ts';
export { TRIGGER_PROFILES, triggerProfile } from './trigger.ts';
export type { TriggerProfile } from './trigger.ts';
export { HidKeyboardScanner } from './hid-keyboard.ts';
export type { HidKeyboardScannerOptions } from './hid-keyboard.ts';
export { HidPosScanner, HID_POS_TRIGGERS } from './hid-pos.ts';
export type { HidPosScannerOptions } from './hid-pos.ts';
export { VENDOR_LAYOUTS } from './hid-pos-layout.ts';
export type { HidPosLayout } from './hid-pos-layout.ts';
export { SimulatedHidDevice, openHidDevice } from './hid-device.ts';
export type { HidAddress, HidDeviceLike } from './hid-device.ts';
export { CameraScanner } from './camera.ts';
export type { CameraScannerOptions } from './camera.ts';
export type { Frame, FrameSource } from './camera-frame.ts';
export { ScannerSimulator, startScannerSimulator } from './simulator.ts';
export type { RunningScannerSimulator, SimulatedScanOptions } from './simulator.ts';
