import { VIEWS } from '@shared/domain/layout';
import { viewUrl } from '../../app/route';
import { VIEW_TITLES } from '../../app/view-titles';

/** Each view's own URL, to open on another screen (or paste into a browser on another machine). */
export function ViewLinks() {
  return (
    <section className="view-links" aria-label="Open a view in a new window">
      <span className="view-links__label">Open in a new window:</span>
      {VIEWS.map((view) => {
        const url = viewUrl(view);
        return (
          <a key={view} className="view-links__link" href={url} target="_blank" rel="noopener noreferrer" data-testid={`open-view-${view}`}>
            {VIEW_TITLES[view].title} {VIEW_TITLES[view].kind} ↗ <code>{url}</code>
          </a>
        );
      })}
    </section>
  );
}
