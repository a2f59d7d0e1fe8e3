import type { ReactNode } from 'react';
import { VIEWS, type ViewName } from '@shared/domain/layout';
import { VIEW_TITLES } from '../../app/view-titles';
import { ClockContainer } from './ClockContainer';
import { ConnectionStatusContainer } from './ConnectionStatusContainer';
import { AccountBadge } from './AccountBadge';
import { mayUse } from '../../lib/identity';
import './console.css';

/** The frame every desk view shares: brand, navigation to every view, connection state, clock. */
export function ConsoleFrame({ current, children }: { current: ViewName; children: ReactNode }) {
  return (
    <main className="console">
      <header className="console__header">
        <div className="console__brand">
          <span className="console__logo">EARSHOT</span>
          <nav className="console__nav" aria-label="Views">
            {VIEWS.filter((view) => mayUse(VIEW_TITLES[view].role ?? 'wall')).map((view) => (
              <a key={view} href={`#/${view}`} aria-current={view === current ? 'page' : undefined} data-testid={`nav-${view}`}>
                {VIEW_TITLES[view].title}
              </a>
            ))}
          </nav>
        </div>
        <ConnectionStatusContainer />
        <ClockContainer />
        <AccountBadge />
      </header>
      {children}
    </main>
  );
}
