import type { CoreMessage, KioskSnapshot } from '../contract.ts';
import { isNewScreen, nextSnapshot } from './snapshot-order.ts';

/** What the app draws from: the latest snapshot and counters that drive focus and timers. */
export interface ViewState {
  connected: boolean;
  snapshot: KioskSnapshot | null;
  /** Bumped on each new screen: moves focus to the heading and re-announces the title. */
  screenKey: number;
  /** Bumped on each accepted snapshot: re-synchronises the idle countdown. */
  syncKey: number;
}

/** Events that change the view. */
export type ViewEvent =
  { type: 'connection'; connected: boolean } | { type: 'core'; message: CoreMessage };

/** The state before anything has arrived. */
export const initialViewState: ViewState = {
  connected: false,
  snapshot: null,
  screenKey: 0,
  syncKey: 0,
};

/**
 * Folds bridge events into the view. A dropped connection forgets the snapshot at once, so
 * nothing about the resident stays on screen while the kiosk cannot hear the core.
 */
export function reduceView(state: ViewState, event: ViewEvent): ViewState {
  if (event.type === 'connection') {
    if (event.connected === state.connected) return state;
    return event.connected
      ? { ...state, connected: true }
      : { ...state, connected: false, snapshot: null };
  }
  if (event.message.type !== 'snapshot') return state;
  const next = nextSnapshot(state.snapshot, event.message.snapshot);
  if (next === state.snapshot) return state;
  return {
    ...state,
    snapshot: next,
    screenKey: isNewScreen(state.snapshot, next) ? state.screenKey + 1 : state.screenKey,
    syncKey: state.syncKey + 1,
  };
}
