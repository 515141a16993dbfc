import { resolve } from 'node:path';
import { ConfigError } from './errors.ts';
import { problemsFromIssues } from './problems.ts';
import { kioskConfigSchema, type KioskConfig } from './schema.ts';
import { readConfigSource } from './source.ts';

/** The environment variable that names the config file when no path is passed. */
export const CONFIG_ENV = 'KIOSK24_CONFIG';

/** Where and how `loadConfig` looks; tests pass their own, the kiosk uses the process's. */
export interface LoadConfigOptions {
  /** Environment to read `KIOSK24_CONFIG` from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Folder relative paths in the config are resolved against. Default `process.cwd()`. */
  cwd?: string;
}

/** Makes every path in the config absolute, so later code never depends on the cwd again. */
function resolvePaths(config: KioskConfig, cwd: string): KioskConfig {
  const documentPrinter = config.devices.documentPrinter;
  return {
    ...config,
    flows: {
      ...config.flows,
      directories: config.flows.directories.map((dir) => resolve(cwd, dir)),
      installDir: resolve(cwd, config.flows.installDir),
    },
    devices: {
      ...config.devices,
      documentPrinter:
        documentPrinter.outputDir === undefined
          ? documentPrinter
          : { ...documentPrinter, outputDir: resolve(cwd, documentPrinter.outputDir) },
    },
    journal: { ...config.journal, path: resolve(cwd, config.journal.path) },
    host:
      config.host.tokenFile === undefined
        ? config.host
        : { ...config.host, tokenFile: resolve(cwd, config.host.tokenFile) },
    platform: {
      ...config.platform,
      ...(config.platform.clientSecretFile === undefined
        ? {}
        : { clientSecretFile: resolve(cwd, config.platform.clientSecretFile) }),
      ...(config.platform.caFile === undefined
        ? {}
        : { caFile: resolve(cwd, config.platform.caFile) }),
      ...(config.platform.signingKeyFile === undefined
        ? {}
        : { signingKeyFile: resolve(cwd, config.platform.signingKeyFile) }),
    },
  };
}

/**
 * Validates an already-parsed config object (from a file or built in code). Throws a
 * `ConfigError` listing every problem, one per line.
 */
export function parseConfig(
  raw: unknown,
  options: { file?: string; cwd?: string } = {},
): KioskConfig {
  // An empty YAML file parses to null; it means "all defaults", same as no file.
  const input = raw ?? {};
  const result = kioskConfigSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      options.file,
      problemsFromIssues(result.error.issues, kioskConfigSchema, input),
      {
        invalid: true,
      },
    );
  }
  return resolvePaths(result.data, options.cwd ?? process.cwd());
}

/** The embedded defaults: every device simulated, the embedded sandbox platform, not production. */
export function defaultConfig(options: Pick<LoadConfigOptions, 'cwd'> = {}): KioskConfig {
  return parseConfig({}, options);
}

/**
 * Loads the kiosk config from `path`, else from the file `KIOSK24_CONFIG` names, else the
 * embedded defaults. A named file that is missing is an error, not a silent fall-back to
 * simulated devices: a technician who named a file meant it.
 */
export function loadConfig(path?: string, options: LoadConfigOptions = {}): KioskConfig {
  const env = options.env ?? process.env;
  const named = path ?? (env[CONFIG_ENV] === '' ? undefined : env[CONFIG_ENV]);
  const cwd = options.cwd ?? process.cwd();
  if (named === undefined) return defaultConfig({ cwd });
  const file = resolve(cwd, named);
  return parseConfig(readConfigSource(file), { file, cwd });
}
