#!/usr/bin/env node
// Entry of the kiosk24 command; see main.ts for the commands. Run from the bundle
// (dist/cli/kiosk24.mjs, built by scripts/build.mjs) or from the sources through tsx.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
