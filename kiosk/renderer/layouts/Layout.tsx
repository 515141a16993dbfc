import { AttractLayout } from './AttractLayout.tsx';
import type { LayoutProps } from './layout-props.ts';
import { MaintenanceLayout } from './MaintenanceLayout.tsx';
import { MenuLayout } from './MenuLayout.tsx';
import { MessageLayout } from './MessageLayout.tsx';
import { RatingLayout } from './RatingLayout.tsx';
import { TaskLayout } from './TaskLayout.tsx';

/** Picks the layout the screen asks for; an unknown one falls back to the plain task layout. */
export function Layout(props: LayoutProps) {
  switch (props.snapshot.screen.layout) {
    case 'attract':
      return <AttractLayout {...props} />;
    case 'menu':
      return <MenuLayout {...props} />;
    case 'message':
      return <MessageLayout {...props} />;
    case 'rating':
      return <RatingLayout {...props} />;
    case 'maintenance':
      return <MaintenanceLayout {...props} />;
    default:
      return <TaskLayout {...props} />;
  }
}
