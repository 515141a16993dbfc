// The `electron` module as seen by the bundled main process in the bundle smoke test: the same
// hand-written stand-ins the unit tests use, as named exports.
import { electronModule } from '../electron-mock.ts';

export const {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  powerSaveBlocker,
  session,
} = electronModule;
export default electronModule;
