/**
 * The modes each device and the platform can run in. The schema builds its enums from these,
 * and the production check names the real ones when it refuses a simulator.
 */

/** Every mode each device can run in; `simulated` is the default and production refuses it. */
export const DEVICE_MODES = {
  idCard: ['simulated', 'serial'],
  scanner: ['simulated', 'serial', 'hid-pos', 'hid-keyboard', 'none'],
  receiptPrinter: ['simulated', 'serial', 'usb-lp', 'none'],
  documentPrinter: ['simulated', 'cups', 'none'],
} as const;

/** The configured devices, by their key under `devices`. */
export type DeviceKey = keyof typeof DEVICE_MODES;

/** The platform's modes; `sandbox` (the embedded one) is the default and production refuses it. */
export const PLATFORM_MODES = ['sandbox', 'remote'] as const;
