import { Blocks } from '../blocks/Block.tsx';
import { Notices } from '../parts/Notices.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/** The welcome screen between sessions: a large invitation and one way in. */
export function AttractLayout({ snapshot, screenKey }: LayoutProps) {
  return (
    <ScreenFrame screen={snapshot.screen} screenKey={screenKey} layout="attract">
      <div class="attract-content">
        <Blocks blocks={snapshot.screen.blocks} />
      </div>
      <Notices notices={snapshot.notices} />
    </ScreenFrame>
  );
}
