#!/usr/bin/env -S npx tsx
// Entry of the kiosk24 command; see main.ts for the commands.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
