/** The kiosk's one validated config file: load it, or get the embedded defaults. */
export {
  CONFIG_ENV,
  defaultConfig,
  loadConfig,
  parseConfig,
  type LoadConfigOptions,
} from './load.ts';
export { ConfigError, formatProblem, type ConfigErrorFlags, type ConfigProblem } from './errors.ts';
export { isLoopbackHost, kioskConfigSchema, type KioskConfig } from './schema.ts';
