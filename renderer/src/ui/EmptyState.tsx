import type { ReactNode } from 'react';

/** What an empty list means and, where there is one, what to do about it. */
export function EmptyState({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="empty-state" data-testid={testId}>
      {children}
    </p>
  );
}
