import type { KioskSnapshot } from '../../contract.ts';

/** What every layout receives: the snapshot and the key that changes with each new screen. */
export interface LayoutProps {
  snapshot: KioskSnapshot;
  /** Changes whenever a new screen arrives, so the heading takes focus again. */
  screenKey: number;
}
