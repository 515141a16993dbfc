// The attacking side of the bridge flood (see bridge-flood.ts), in a worker thread of its own so
// the cost of opening hundreds of sockets and sending thousands of frames lands on this thread's
// event loop, not on the kiosk's that is being measured. Plain JavaScript: a worker loads it
// without the test runner's TypeScript transform. The caller ends the thread, and with it every
// socket, when it has measured enough.
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';

const { target, origin, protocol, hello, stalled, messages } = workerData;

/** Opens one screen; resolves null when the host refuses the handshake (over its cap). */
function openScreen() {
  const socket = new WebSocket(target, [protocol], { origin });
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', () => resolve(null));
    socket.once('error', () => resolve(null));
  });
}

const flooder = await openScreen();
if (flooder === null) {
  parentPort.postMessage({ type: 'failed', reason: 'the flooding screen was refused' });
} else {
  flooder.send(hello);
  flooder.once('close', () => parentPort.postMessage({ type: 'flooder-closed' }));
  const screens = await Promise.all(Array.from({ length: stalled }, () => openScreen()));
  const accepted = screens.filter((screen) => screen !== null);
  for (const screen of accepted) {
    screen.send(hello);
    screen.pause();
  }
  parentPort.postMessage({ type: 'connected', accepted: accepted.length });
  // The flood starts when the caller has taken its figures for the connection phase.
  parentPort.once('message', () => {
    for (let i = 0; i < messages; i++) flooder.send('{"type":"activity"}');
    parentPort.postMessage({ type: 'sent' });
  });
}
