import { Blocks } from '../blocks/Block.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/** The service rating (好差评) at the end of a session. */
export function RatingLayout({ snapshot, screenKey }: LayoutProps) {
  return (
    <ScreenFrame screen={snapshot.screen} screenKey={screenKey} layout="rating">
      <div class="rating-content">
        <Blocks blocks={snapshot.screen.blocks} />
      </div>
    </ScreenFrame>
  );
}
