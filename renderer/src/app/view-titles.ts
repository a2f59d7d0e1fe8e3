import type { Role } from '@shared/contract/access';
import type { ViewName } from '@shared/domain/layout';

export interface ViewTitle {
  /** Short name for the navigation and the window title. */
  title: string;
  /** Walls are read across a room and never scroll; consoles are worked at a desk. */
  kind: 'wall' | 'console';
  /** Listed in the navigation only for this role and above (default: everyone). */
  role?: Role;
}

/** Every view's name and kind, in navigation order. A new view adds one line here. */
export const VIEW_TITLES: Record<ViewName, ViewTitle> = {
  overview: { title: 'Overview', kind: 'wall' },
  sources: { title: 'Sources', kind: 'console', role: 'admin' },
  topics: { title: 'Topics', kind: 'console' },
  wall: { title: 'Wall', kind: 'wall' },
  control: { title: 'Walls control', kind: 'console', role: 'lead' },
  layouts: { title: 'Wall layouts', kind: 'console' },
  inbox: { title: 'Inbox', kind: 'console', role: 'agent' },
  customers: { title: 'Customers', kind: 'console', role: 'agent' },
  team: { title: 'Care team', kind: 'console' },
  alerts: { title: 'Alerts', kind: 'console' },
  understanding: { title: 'Understanding', kind: 'console' },
  authors: { title: 'Authors', kind: 'console' },
  review: { title: 'Review', kind: 'console' },
  report: { title: 'Reports', kind: 'console' },
  drills: { title: 'Drills', kind: 'console', role: 'lead' },
  people: { title: 'People', kind: 'console', role: 'admin' },
  audit: { title: 'Audit log', kind: 'console', role: 'admin' },
};
