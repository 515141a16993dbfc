import { AttractLayout } from './AttractLayout.tsx';
import { BlocksLayout } from './BlocksLayout.tsx';
import type { LayoutProps } from './layout-props.ts';
import { MenuLayout } from './MenuLayout.tsx';
import { MessageLayout } from './MessageLayout.tsx';

/**
 * Picks the layout the screen asks for; an unknown one falls back to the plain task layout.
 * Each layout is keyed by name, so a change of layout starts its blocks afresh.
 */
export function Layout(props: LayoutProps) {
  switch (props.snapshot.screen.layout) {
    case 'attract':
      return <AttractLayout {...props} />;
    case 'menu':
      return <MenuLayout {...props} />;
    case 'message':
      return <MessageLayout {...props} />;
    case 'rating':
      return <BlocksLayout key="rating" {...props} layout="rating" />;
    case 'maintenance':
      return <BlocksLayout key="maintenance" {...props} layout="maintenance" />;
    default:
      return <BlocksLayout key="task" {...props} layout="task" />;
  }
}
