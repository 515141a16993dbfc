import type { ComponentChildren } from 'preact';
import type { ScreenView } from '../../contract.ts';
import { ActionBar } from '../parts/ActionButton.tsx';
import { Countdown } from '../parts/Countdown.tsx';
import { ScreenHeading } from '../parts/ScreenHeading.tsx';

/**
 * The shared skeleton of a screen: heading at the top, content in the middle, actions at
 * the bottom. Layouts differ only in what they put in the middle and how it is spaced.
 */
export function ScreenFrame({
  screen,
  screenKey,
  layout,
  children,
}: {
  screen: ScreenView;
  screenKey: number;
  layout: ScreenView['layout'];
  children: ComponentChildren;
}) {
  return (
    <main
      class={`screen layout--${layout} tone--${screen.tone}`}
      data-screen={screen.id}
      aria-labelledby="screen-title"
    >
      <ScreenHeading screen={screen} focusKey={screenKey} />
      {screen.countdown !== undefined && <Countdown countdown={screen.countdown} />}
      <div class="screen-body">{children}</div>
      <ActionBar actions={screen.actions} />
    </main>
  );
}
