import {
  CONTRACT_VERSION,
  type CoreMessage,
  type KioskSnapshot,
  type RendererMessage,
} from '../../contract.ts';

/** A connected renderer as the owner sees it. */
export interface RendererLink {
  receive(message: RendererMessage): void;
  disconnect(): void;
}

/**
 * One renderer's connection: nothing but `hello` with this contract version is accepted until
 * it has greeted; then it joins `renderers`, gets the current snapshot, and its messages go to
 * `receive`.
 */
export function linkRenderer(
  send: (message: CoreMessage) => void,
  renderers: Set<(message: CoreMessage) => void>,
  snapshot: () => KioskSnapshot,
  receive: (message: RendererMessage) => void,
): RendererLink {
  let greeted = false;
  return {
    receive: (message) => {
      if (message.type === 'hello') {
        if (message.contractVersion !== CONTRACT_VERSION) {
          send({
            type: 'refused',
            reason: `contract version ${message.contractVersion} is not ${CONTRACT_VERSION}; reload the renderer`,
          });
          return;
        }
        greeted = true;
        renderers.add(send);
        send({ type: 'snapshot', snapshot: snapshot() });
        return;
      }
      if (!greeted) {
        send({ type: 'refused', reason: 'send hello with the contract version first' });
        return;
      }
      receive(message);
    },
    disconnect: () => {
      renderers.delete(send);
    },
  };
}
