/** What a display shows right now, from its settings, the operator's overrides and the alerts. */
import type { Alert } from '../../domain/alert';
import type { DisplayConfig, DisplayOverride, Playlist } from '../../contract/wall-schema';
import { CRISIS_LAYOUT_ID, OVERVIEW_LAYOUT_ID } from './builtin-layouts';

export type WallPageReason = 'takeover' | 'pushed' | 'playlist' | 'layout';

export type WallPage =
  { kind: 'blank' } | { kind: 'layout'; layoutId: string; topicId: number | null; reason: WallPageReason; itemIndex: number | null; alertId: number | null };

export interface WallPageInput {
  config: Pick<DisplayConfig, 'source' | 'takeover'>;
  override: DisplayOverride;
  /** The alert taking walls over (see `takeoverAlert`), or null. */
  takeover: Alert | null;
  /** The display's playlist when its source is one (null: missing or still loading). */
  playlist: Pick<Playlist, 'items'> | null;
  /** The playlist's current item. */
  playlistIndex: number | null;
}

/**
 * Precedence: a crisis takeover (an unacknowledged critical alert beats everything, a blanked wall
 * included: the room must see it), then blank, then a layout pushed by an operator, then the
 * display's own playlist or layout. When the takeover ends, the wall falls back to the same rule,
 * so it returns to what it showed before.
 */
export function wallPage({ config, override, takeover, playlist, playlistIndex }: WallPageInput): WallPage {
  if (takeover && config.takeover) {
    return { kind: 'layout', layoutId: CRISIS_LAYOUT_ID, topicId: takeover.topicId, reason: 'takeover', itemIndex: null, alertId: takeover.id };
  }
  if (override.blanked) return { kind: 'blank' };
  if (override.pushedLayoutId) return { kind: 'layout', layoutId: override.pushedLayoutId, topicId: null, reason: 'pushed', itemIndex: null, alertId: null };
  if (config.source.kind === 'layout')
    return { kind: 'layout', layoutId: config.source.layoutId, topicId: null, reason: 'layout', itemIndex: null, alertId: null };
  const index = playlistIndex ?? 0;
  const item = playlist?.items[index];
  if (!item) return { kind: 'layout', layoutId: OVERVIEW_LAYOUT_ID, topicId: null, reason: 'playlist', itemIndex: null, alertId: null };
  return { kind: 'layout', layoutId: item.layoutId, topicId: null, reason: 'playlist', itemIndex: index, alertId: null };
}

/** A key that changes exactly when the page on screen changes (for transitions). */
export function wallPageKey(page: WallPage): string {
  return page.kind === 'blank' ? 'blank' : `${page.reason}:${page.layoutId}:${page.topicId ?? '-'}:${page.itemIndex ?? '-'}`;
}
