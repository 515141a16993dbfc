import { startSocatLinks, type SocatLinks } from '../../drivers/transports/pty-pair.ts';
import { requireTool } from './tools.ts';

/** A socat pty pair at link paths the test chooses, reusable after a stop (unplug and replug). */
export type PtyLinks = SocatLinks;

/** Starts socat at the given link paths; a missing socat fails the test with the install hint. */
export function startPtyLinks(hostPath: string, devicePath: string): Promise<PtyLinks> {
  return startSocatLinks(requireTool('socat', 'socat'), hostPath, devicePath);
}
