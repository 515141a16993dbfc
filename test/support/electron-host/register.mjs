// `node --import` entry that installs the electron resolution hook.
import { register } from 'node:module';

register(new URL('./resolve.mjs', import.meta.url));
