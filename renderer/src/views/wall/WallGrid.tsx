import { memo } from 'react';
import type { WallLayoutDoc } from '@shared/contract/wall-schema';
import { WallContext } from './wall-context';
import { WIDGETS } from './widget-registry';

/** One layout document drawn on a CSS grid; each cell holds one widget from the registry. */
export const WallGrid = memo(function WallGrid({ doc, publicSafe }: { doc: WallLayoutDoc; publicSafe: boolean }) {
  return (
    <WallContext.Provider value={{ doc, publicSafe }}>
      <div
        className="wallpage__grid"
        style={{ gridTemplateColumns: `repeat(${doc.grid.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${doc.grid.rows}, minmax(0, 1fr))` }}
      >
        {doc.widgets.map((widget) => {
          const { Component } = WIDGETS[widget.type];
          return (
            <div
              key={widget.id}
              className="wallpage__cell"
              data-testid="wall-widget"
              data-widget-id={widget.id}
              data-widget-type={widget.type}
              style={{ gridColumn: `${widget.x + 1} / span ${widget.w}`, gridRow: `${widget.y + 1} / span ${widget.h}` }}
            >
              <Component widget={widget} />
            </div>
          );
        })}
      </div>
    </WallContext.Provider>
  );
});
