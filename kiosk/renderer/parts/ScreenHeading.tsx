import { useEffect, useRef } from 'preact/hooks';
import type { ScreenView } from '../../contract.ts';

/**
 * The screen's title. It takes focus whenever a new screen arrives, so a screen-reader user
 * starts reading from the top of the new screen instead of a button that no longer exists.
 */
export function ScreenHeading({ screen, focusKey }: { screen: ScreenView; focusKey: number }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [focusKey]);
  return (
    <header class="screen-heading">
      <h1 ref={heading} tabIndex={-1} id="screen-title">
        {screen.title}
      </h1>
      {screen.subtitle !== undefined && <p class="screen-subtitle">{screen.subtitle}</p>}
    </header>
  );
}
