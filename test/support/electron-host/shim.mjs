// The `electron` module as the main process sees it in the entry smoke test: the same
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
  protocol,
  Menu,
} = electronModule;
export default electronModule;

// Electron's app.exit ends the process at once; so does the stand-in here.
electronModule.app.exit = (code = 0) => process.exit(code);

// The smoke test plays a second copy of the kiosk by saying another instance holds the lock.
if (process.env.KIOSK24_TEST_SECOND_INSTANCE === '1') electronModule.app.gotLock = false;
