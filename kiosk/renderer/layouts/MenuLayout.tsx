import { Blocks } from '../blocks/Block.tsx';
import { Notices } from '../parts/Notices.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/** The list of services: tiles gathered towards the bottom, where every hand reaches. */
export function MenuLayout({ snapshot, screenKey }: LayoutProps) {
  return (
    <ScreenFrame screen={snapshot.screen} screenKey={screenKey} layout="menu">
      <Notices notices={snapshot.notices} />
      <div class="menu-content">
        <Blocks blocks={snapshot.screen.blocks} />
      </div>
    </ScreenFrame>
  );
}
