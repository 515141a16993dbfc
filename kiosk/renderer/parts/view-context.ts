import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../contract.ts';

/** What any part of the screen may need from the app besides its own block. */
export interface ViewContextValue {
  locale: Locale;
  /** Bumped on each accepted snapshot: local timers (the countdown) restart from it. */
  syncKey: number;
}

/** Provided once by the app, around everything it draws. */
export const ViewContext = createContext<ViewContextValue>({ locale: 'zh-CN', syncKey: 0 });

/** The locale and snapshot counter of the screen being drawn. */
export function useView(): ViewContextValue {
  return useContext(ViewContext);
}
