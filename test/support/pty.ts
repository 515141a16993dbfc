import {
  createPtyPair as createProductPtyPair,
  type PtyPair,
} from '../../drivers/transports/pty-pair.ts';
import { requireTool } from './tools.ts';

export type { PtyPair };

/** Starts a socat pty pair for a test; a missing socat fails the test with the install hint. */
export function createPtyPair(): Promise<PtyPair> {
  return createProductPtyPair(requireTool('socat', 'socat'));
}
