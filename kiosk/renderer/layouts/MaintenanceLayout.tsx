import { Blocks } from '../blocks/Block.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/** The technician's screens: denser, same parts, marked so nobody mistakes them for service. */
export function MaintenanceLayout({ snapshot, screenKey }: LayoutProps) {
  return (
    <ScreenFrame screen={snapshot.screen} screenKey={screenKey} layout="maintenance">
      <div class="maintenance-content">
        <Blocks blocks={snapshot.screen.blocks} />
      </div>
    </ScreenFrame>
  );
}
