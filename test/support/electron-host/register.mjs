// `node --import` entry that installs the electron resolution hook. The stand-in it resolves to
// is TypeScript (test/support/electron-mock.ts), so tsx is registered to load it: the compiled
// main process itself needs no tsx.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register(new URL('./resolve.mjs', import.meta.url));
