import { isIP } from 'node:net';
import { z } from 'zod';
import { flowsSettings } from './flows-schema.ts';
import { helpSettings, kioskInfoSettings } from './help-schema.ts';
import { parsePinHash, SANDBOX_MAINTENANCE_PIN_HASH } from '../maintenance/pin.ts';
import {
  DEFAULT_MAX_REPLY_BYTES,
  MAX_REPLY_BYTES_CEILING,
  MAX_REPLY_BYTES_FLOOR,
} from '../platform/limits.ts';
import { DEVICE_MODES, PLATFORM_MODES } from './modes.ts';
import { productionProblems } from './production.ts';

/**
 * The shape of the kiosk's one config file. Every leaf carries a `describe()` text that says
 * what is allowed; the problem formatter shows it next to a bad value, so the schema is also
 * the source of the error messages. Objects are strict: an unknown key is a typo until proven
 * otherwise.
 */

const BAUD_RATES = [115200, 57600, 38400, 19200, 9600] as const;

const baudRate = z.literal(BAUD_RATES).describe('one of 115200, 57600, 38400, 19200, 9600');
const devicePath = z
  .string()
  .min(1)
  .describe('a device path such as /dev/ttyUSB0 (Linux) or COM3 (Windows)');
const usbId = z.int().min(0).max(0xffff).describe('a USB id from 0 to 0xFFFF (e.g. 0x0c2e)');
const filePath = z.string().min(1).describe('a file or folder path');

function wholeNumber(min: number, max: number) {
  return z.int().min(min).max(max).describe(`a whole number from ${min} to ${max}`);
}

/** Adds the "path is required" problem shared by every device that can sit on a port. */
function requirePath(
  device: { mode: string; path?: string | undefined },
  modes: readonly string[],
  ctx: z.RefinementCtx,
): void {
  if (modes.includes(device.mode) && device.path === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['path'],
      message: `is required when mode is "${device.mode}"`,
      params: { allowed: 'a device path such as /dev/ttyUSB0 (Linux) or COM3 (Windows)' },
    });
  }
}

const idCard = z
  .strictObject({
    mode: z.enum(DEVICE_MODES.idCard).default('simulated'),
    path: devicePath.optional(),
    baudRate: baudRate.default(115200),
    pollIntervalMs: wholeNumber(100, 10_000).default(500),
    readTimeoutSeconds: wholeNumber(1, 60).default(10),
  })
  .superRefine((device, ctx) => requirePath(device, ['serial'], ctx));

const scanner = z
  .strictObject({
    mode: z.enum(DEVICE_MODES.scanner).default('simulated'),
    path: devicePath.optional(),
    baudRate: baudRate.optional(),
    vendorId: usbId.optional(),
    productId: usbId.optional(),
    suffix: z.enum(['CR', 'LF', 'CRLF']).default('CR'),
  })
  .superRefine((device, ctx) => {
    requirePath(device, ['serial'], ctx);
    const hid = device.mode === 'hid-pos' || device.mode === 'hid-keyboard';
    // A HID scanner is found either by its hidraw path or by its USB ids; ids need both halves.
    if (hid && device.path === undefined) {
      for (const key of ['vendorId', 'productId'] as const) {
        if (device[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `is required when mode is "${device.mode}" and no path is given`,
            params: { allowed: 'a USB id from 0 to 0xFFFF, or set path to the hidraw device' },
          });
        }
      }
    }
  });

const receiptPrinter = z
  .strictObject({
    mode: z.enum(DEVICE_MODES.receiptPrinter).default('simulated'),
    path: devicePath.optional(),
    baudRate: baudRate.optional(),
    profile: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .describe('a printer profile name in lower-case-with-dashes, e.g. generic-80mm-203dpi')
      .default('generic-80mm-203dpi'),
    statusTimeoutMs: wholeNumber(100, 30_000).default(1000),
  })
  .superRefine((device, ctx) => requirePath(device, ['serial', 'usb-lp'], ctx));

const documentPrinter = z
  .strictObject({
    mode: z.enum(DEVICE_MODES.documentPrinter).default('simulated'),
    queue: z
      .string()
      .regex(/^[^\s/#]+$/)
      .describe('a CUPS queue name without spaces, "/" or "#" (see lpstat -p)')
      .optional(),
    cupsHost: z
      .string()
      .min(1)
      .describe('a CUPS server as host or host:port, e.g. localhost:631')
      .optional(),
    outputDir: filePath.optional(),
  })
  .superRefine((device, ctx) => {
    if (device.mode === 'cups' && device.queue === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['queue'],
        message: 'is required when mode is "cups"',
        params: { allowed: 'a CUPS queue name (see lpstat -p)' },
      });
    }
  });

/** True for hosts that never leave the machine, where plain http is acceptable. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const platform = z
  .strictObject({
    mode: z.enum(PLATFORM_MODES).default('sandbox'),
    baseUrl: z.string().describe('an https:// URL (http:// only for a loopback host)').optional(),
    timeoutMs: wholeNumber(500, 60_000).default(8000),
    clientId: z.string().min(1).describe('the client id the platform issued').optional(),
    clientSecretFile: filePath.optional(),
    /** Private CA (PEM) trusted besides Node's bundled roots; read and checked at start-up. */
    caFile: z.string().min(1).describe("a PEM file with the platform's private CA").optional(),
    /** The kiosk's HMAC request-signing key, read once at start-up (platform/signing.ts). */
    signingKeyFile: filePath.optional(),
    /** Cap on one reply's body; see platform/limits.ts for why these numbers. */
    maxReplyBytes: wholeNumber(MAX_REPLY_BYTES_FLOOR, MAX_REPLY_BYTES_CEILING).default(
      DEFAULT_MAX_REPLY_BYTES,
    ),
  })
  .superRefine((settings, ctx) => {
    const allowed = 'an https:// URL (http:// only for a loopback host)';
    if (settings.baseUrl === undefined) {
      if (settings.mode === 'remote') {
        ctx.addIssue({
          code: 'custom',
          path: ['baseUrl'],
          message: 'is required when mode is "remote"',
          params: { allowed },
        });
      }
    } else if (!URL.canParse(settings.baseUrl)) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: 'is not a URL',
        params: { allowed },
      });
    } else {
      const url = new URL(settings.baseUrl);
      const secure = url.protocol === 'https:';
      const localPlain = url.protocol === 'http:' && isLoopbackHost(url.hostname);
      if (!secure && !localPlain) {
        ctx.addIssue({
          code: 'custom',
          path: ['baseUrl'],
          message: `uses ${url.protocol.replace(':', '')}, which would send residents' data unencrypted`,
          params: { allowed },
        });
      }
    }
    if ((settings.clientId === undefined) !== (settings.clientSecretFile === undefined)) {
      const missing = settings.clientId === undefined ? 'clientId' : 'clientSecretFile';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'is required because clientId and clientSecretFile go together',
        params: { allowed: missing === 'clientId' ? 'the client id' : 'a file path' },
      });
    }
  });

const session = z
  .strictObject({
    idleTimeoutSeconds: wholeNumber(15, 600).default(90),
    idleWarningSeconds: wholeNumber(5, 120).default(20),
    maxSessionMinutes: wholeNumber(2, 120).default(20),
  })
  .superRefine((settings, ctx) => {
    // An out-of-range timeout is already reported; comparing against it would only add noise.
    const timeoutValid = settings.idleTimeoutSeconds >= 15 && settings.idleTimeoutSeconds <= 600;
    if (timeoutValid && settings.idleWarningSeconds >= settings.idleTimeoutSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['idleWarningSeconds'],
        message: `must be less than session.idleTimeoutSeconds (${settings.idleTimeoutSeconds})`,
        params: { allowed: `a whole number from 5 to ${settings.idleTimeoutSeconds - 1}` },
      });
    }
  });

const hostName = z
  .string()
  .max(253)
  .refine(
    (value) =>
      isIP(value) !== 0 ||
      /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(
        value,
      ),
    { message: 'is not a host name' },
  )
  .describe('a lower-case DNS name such as kiosk-0107.zwfw.example.gov.cn, or an IP address');

const host = z
  .strictObject({
    kind: z.enum(['auto', 'electron', 'browser']).default('auto'),
    port: wholeNumber(0, 65535).default(8024),
    bind: z
      .string()
      .refine((value) => value === 'localhost' || isIP(value) !== 0, {
        message: 'is not an IP address',
      })
      .describe('an IP address such as 127.0.0.1, or localhost')
      .default('127.0.0.1'),
    openWindow: z.boolean().describe('true or false').default(true),
    allowRemote: z.boolean().describe('true or false').default(false),
    name: hostName.optional(),
    tokenFile: filePath.optional(),
    secondClient: z.enum(['refuse', 'readOnly']).default('refuse'),
  })
  .superRefine((settings, ctx) => {
    const remote = 'set host.allowRemote: true, with host.name and host.tokenFile';
    // A bind that is no address at all is already reported; calling it remote would be noise.
    const address = settings.bind === 'localhost' || isIP(settings.bind) !== 0;
    if (address && !settings.allowRemote && !isLoopbackHost(settings.bind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['bind'],
        message: `lets other machines reach the kiosk's screen; ${remote}, to allow that`,
        params: { allowed: '127.0.0.1, ::1 or localhost' },
      });
    }
    if (!settings.allowRemote) return;
    if (settings.tokenFile === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenFile'],
        message: 'is required when allowRemote is true: it holds the token a remote screen shows',
        params: { allowed: "a file only the kiosk's user can read, holding 32+ token characters" },
      });
    }
    if (settings.name === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'is required when allowRemote is true: requests for any other name are refused',
        params: { allowed: 'the DNS name or IP address other machines open the kiosk by' },
      });
    }
  });

const pinHashAllowed =
  'a scrypt hash scrypt$N$r$p$salt$hash of your own PIN (npx tsx kiosk/core/maintenance/hash-pin.ts)';

const journal = z.strictObject({
  /** The SQLite journal: transaction steps, the outbox, the print ledger and the audit chain. */
  path: filePath.default('data/journal.sqlite'),
  outboxMaxAgeDays: wholeNumber(1, 90).default(7),
  auditRetainDays: wholeNumber(180, 3650).default(180),
});

const maintenance = z.strictObject({
  pinHash: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parsePinHash(value);
      } catch (error) {
        // The parser's message says which part is wrong; it never contains the PIN.
        ctx.addIssue({
          code: 'custom',
          message: `is not a valid PIN hash (${(error as Error).message})`,
          params: { allowed: pinHashAllowed },
        });
      }
    })
    .describe(pinHashAllowed)
    .default(SANDBOX_MAINTENANCE_PIN_HASH),
  idleExitSeconds: wholeNumber(30, 900).default(120),
});

/** The zod schema of the whole config file; `loadConfig` is the way to use it. */
export const kioskConfigSchema = z
  .strictObject({
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
      .describe('1-64 letters, digits, "-" or "_", e.g. KIOSK-SANDBOX-0001')
      .default('KIOSK-SANDBOX-0001'),
    site: z
      .string()
      .min(1)
      .max(80)
      .describe('a display name of 1-80 characters')
      .default('自助服务终端（演示）'),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    /** Where the kiosk stands, so service halls are listed nearest first (hall.list). */
    location: z
      .strictObject({
        lat: z.number().min(-90).max(90).describe('a latitude from -90 to 90'),
        lng: z.number().min(-180).max(180).describe('a longitude from -180 to 180'),
      })
      .optional(),
    largeTextDefault: z.boolean().describe('true or false').default(false),
    /** The kiosk's voice: the engine that turns text into speech and how it reaches the speaker. */
    speech: z
      .strictObject({
        engine: z.enum(['espeak-ng', 'none']).default('espeak-ng'),
        player: z.enum(['aplay', 'none']).default('aplay'),
      })
      .prefault({}),
    session: session.prefault({}),
    devices: z
      .strictObject({
        idCard: idCard.prefault({}),
        scanner: scanner.prefault({}),
        receiptPrinter: receiptPrinter.prefault({}),
        documentPrinter: documentPrinter.prefault({}),
      })
      .prefault({}),
    platform: platform.prefault({}),
    host: host.prefault({}),
    flows: flowsSettings.prefault({}),
    log: z
      .strictObject({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
      })
      .prefault({}),
    production: z.boolean().describe('true or false').default(false),
    maintenance: maintenance.prefault({}),
    journal: journal.prefault({}),
    help: helpSettings,
    kiosk: kioskInfoSettings,
  })
  .superRefine((config, ctx) => {
    if (!config.production) return;
    for (const problem of productionProblems(config)) {
      ctx.addIssue({
        code: 'custom',
        path: problem.path,
        message: problem.message,
        params: { allowed: problem.allowed },
      });
    }
  });

/** The validated kiosk configuration, with every default filled in and paths made absolute. */
export type KioskConfig = z.output<typeof kioskConfigSchema>;
