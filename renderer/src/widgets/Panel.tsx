import type { ReactNode } from 'react';
import './Panel.css';

export interface PanelOptions {
  title: string;
  /** The period the numbers cover, always shown: a number without its window misleads. */
  period?: string;
  /** Extra content at the right of the title row, e.g. a total. */
  aside?: ReactNode;
  className?: string;
  testId?: string;
  data?: Record<`data-${string}`, string | number>;
  children: ReactNode;
}

/** The frame every wall widget sits in: title, period, content. */
export function Panel({ title, period, aside, className, testId, data, children }: PanelOptions) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId} {...data}>
      <header className="panel__head">
        <h2 className="panel__title">{title}</h2>
        {period && <span className="panel__period">{period}</span>}
        {aside && <div className="panel__aside">{aside}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
