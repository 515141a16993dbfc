import { Blocks } from '../blocks/Block.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/**
 * An outcome or a problem, coloured by its tone. Errors and warnings are also announced as
 * alerts, because a person may have looked away while the kiosk worked.
 */
export function MessageLayout({ snapshot, screenKey }: LayoutProps) {
  const { tone } = snapshot.screen;
  const urgent = tone === 'error' || tone === 'warning';
  return (
    <ScreenFrame screen={snapshot.screen} screenKey={screenKey} layout="message">
      <div class="message-content" role={urgent ? 'alert' : undefined}>
        <Blocks blocks={snapshot.screen.blocks} />
      </div>
    </ScreenFrame>
  );
}
