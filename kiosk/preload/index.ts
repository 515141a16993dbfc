/**
 * The kiosk window's preload: exposes the typed bridge as `window.kiosk24` and nothing else.
 * Sandboxed preloads run as one CommonJS script, so the build bundles this file (with
 * contract.ts) into a single file before Electron loads it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, createPreloadBridge } from './bridge.ts';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createPreloadBridge(ipcRenderer));
