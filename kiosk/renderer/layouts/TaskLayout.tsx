import { Blocks } from '../blocks/Block.tsx';
import type { LayoutProps } from './layout-props.ts';
import { ScreenFrame } from './ScreenFrame.tsx';

/** One step of a task (insert card, check details, wait for printing), centred and calm. */
export function TaskLayout({ snapshot, screenKey }: LayoutProps) {
  return (
    <ScreenFrame screen={snapshot.screen} screenKey={screenKey} layout="task">
      <div class="task-content">
        <Blocks blocks={snapshot.screen.blocks} />
      </div>
    </ScreenFrame>
  );
}
