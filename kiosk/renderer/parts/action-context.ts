import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ActionView } from '../../contract.ts';

/** How a pressed button reaches the bridge; provided once by the app. */
export const ActionContext = createContext<(action: ActionView) => void>(() => undefined);

/** The function that sends a pressed action to the core. */
export function useSendAction(): (action: ActionView) => void {
  return useContext(ActionContext);
}
