/**
 * The triage queue, virtualised (@tanstack/react-virtual): rows have one fixed height, so only the
 * rows in view (plus a few either side) are in the DOM however many thousands are loaded; coming
 * near the end asks for the next page. The selected row is kept in view when j/k move it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { ConversationSummary, PresenceEntry } from '@shared/domain/care';
import { useRootFontPx } from '../../lib/use-root-font-px';
import { PlatformBadge } from '../../widgets/PlatformBadge';
import { Time } from '../../ui';

/** Row height in rem (matches `.inbox-row` in inbox.css). */
const ROW_REM = 4.4;
const OVERSCAN = 8;
/** Rows from the end of what is loaded at which the next page is asked for. */
const NEAR_END_ROWS = 20;

export interface ConversationListProps {
  items: ConversationSummary[];
  selectedId: number | null;
  presence: PresenceEntry[];
  operator: string;
  hasMore: boolean;
  onSelect: (id: number) => void;
  onNearEnd: () => void;
  /** Ticked for a bulk action; with onCheck, each row gets a tick box (shift-click ticks a range). */
  checked?: readonly number[];
  onCheck?: (id: number, range: boolean) => void;
  /** In replay: show how long each customer had been waiting at this moment. */
  waitingAt?: number;
}

export function ConversationList({ items, selectedId, presence, operator, hasMore, onSelect, onNearEnd, waitingAt, checked, onCheck }: ConversationListProps) {
  const ticked = new Set(checked ?? []);
  const rowPx = ROW_REM * useRootFontPx();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowPx,
    overscan: OVERSCAN,
    getItemKey: (index) => items[index]!.id,
  });
  // The root font follows the window size: rows change height with it.
  useEffect(() => virtualizer.measure(), [virtualizer, rowPx]);

  // Keep the selection visible when the keyboard moves it.
  const selectedIndex = items.findIndex((c) => c.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [virtualizer, selectedIndex]);

  // Near the end of what is loaded (by scrolling or by j), ask for the next page.
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows[rows.length - 1]?.index ?? -1;
  const nearEnd = hasMore && Math.max(lastShown, selectedIndex) >= items.length - NEAR_END_ROWS;
  useEffect(() => {
    if (nearEnd) onNearEnd();
  }, [nearEnd, items.length, onNearEnd]);

  const others = new Map<number, PresenceEntry[]>();
  for (const p of presence) {
    if (p.agent === operator) continue;
    others.set(p.conversationId, [...(others.get(p.conversationId) ?? []), p]);
  }

  return (
    <div
      className="inbox-list"
      ref={scroller}
      role="listbox"
      aria-label="Conversations"
      aria-activedescendant={selectedId !== null ? `conv-${selectedId}` : undefined}
      tabIndex={-1}
      data-testid="inbox-list"
      data-loaded={items.length}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const c = items[row.index]!;
          const here = others.get(c.id) ?? [];
          return (
            <div
              key={c.id}
              id={`conv-${c.id}`}
              role="option"
              aria-selected={c.id === selectedId}
              className={`inbox-row inbox-row--${c.sentiment}${c.id === selectedId ? ' inbox-row--selected' : ''}`}
              style={{ top: row.start }}
              onClick={(e) => (e.shiftKey && onCheck ? onCheck(c.id, true) : onSelect(c.id))}
              data-testid="inbox-row"
              data-conversation-id={c.id}
              data-status={c.status}
              data-assignee={c.assignee ?? ''}
            >
              {onCheck && (
                <input
                  type="checkbox"
                  className="inbox-row__check"
                  checked={ticked.has(c.id)}
                  onClick={(e) => {
                    e.stopPropagation();
                    onCheck(c.id, e.shiftKey);
                  }}
                  onChange={() => undefined}
                  aria-label={`Select @${c.authorHandle} for a bulk action`}
                  data-testid="row-check"
                />
              )}
              <span className="inbox-row__urgency" title="Urgency (0–100)">
                {Math.round(c.urgency)}
              </span>
              <span className="inbox-row__main">
                <span className="inbox-row__who">
                  <PlatformBadge platform={c.platform} />
                  {c.drillRunId !== null && (
                    <span className="drill-mark" title="Injected by a crisis drill: not a real customer" data-testid="row-drill">
                      DRILL
                    </span>
                  )}
                  <strong>{c.authorName ?? c.authorHandle}</strong>
                  <span className="inbox-row__handle">@{c.authorHandle}</span>
                  {c.mentionCount > 1 && <span className="inbox-row__count">{c.mentionCount} posts</span>}
                  {c.customerId !== null && <span className="inbox-row__customer">customer</span>}
                </span>
                <span className="inbox-row__preview">{c.preview}</span>
              </span>
              <span className="inbox-row__side">
                <span className={`status status--${c.status}`}>{c.status}</span>
                <span className="inbox-row__assignee">{c.assignee ?? 'unassigned'}</span>
                <span className="inbox-row__time">
                  <Time ms={c.lastActivityAt} />
                </span>
                {waitingAt !== undefined && c.waitingSince !== null && (
                  <span className="inbox-row__waiting" data-testid="row-waiting">
                    waiting {formatWaiting(waitingAt - c.waitingSince)}
                  </span>
                )}
                {here.length > 0 && (
                  <span className="inbox-row__presence" data-testid="row-presence">
                    {here.map((p) => `${p.agent} ${p.activity}`).join(', ')}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** "12 min", "3 h 05", "2 d 4 h": short enough for the row's side column. */
export function formatWaiting(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
