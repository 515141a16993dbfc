// The file Electron starts. It teaches Node to load the TypeScript sources (tsx) and starts the
// kiosk from them in place, so the data files the code reads next to itself (printer profiles,
// templates, the certificate font, flows) are found exactly as under `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('./entry.ts');
