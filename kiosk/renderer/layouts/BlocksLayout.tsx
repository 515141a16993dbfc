import { Blocks } from '../blocks/Block.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/** The layouts whose middle is nothing but the screen's blocks. */
export type BlocksLayoutName = 'task' | 'rating' | 'maintenance';

/**
 * A screen that is just its blocks: one step of a task (insert card, check details, wait for
 * printing), centred and calm; the service rating (好差评) at the end of a session; or the
 * technician's screens, denser and marked so nobody mistakes them for service. They differ
 * only in spacing, which the stylesheet gives each `<layout>-content`.
 */
export function BlocksLayout({
  snapshot,
  screenKey,
  layout,
}: LayoutProps & { layout: BlocksLayoutName }) {
  return (
    <ScreenFrame screen={snapshot.screen} screenKey={screenKey} layout={layout}>
      <div class={`${layout}-content`}>
        <Blocks blocks={snapshot.screen.blocks} />
      </div>
    </ScreenFrame>
  );
}
