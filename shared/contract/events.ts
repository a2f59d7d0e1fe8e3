/**
 * Live pushes from the core. A window subscribes to a topic, fetches a snapshot with a call, then
 * applies these deltas; every delta is idempotent (replace-by-key or dedupe-by-id) so the order of
 * snapshot and first delta does not matter.
 */
import type { Alert } from '../domain/alert';
import type { Mention } from '../domain/mention';
import type { SourceHealth } from '../domain/source';
import type { MinuteBucket, TopAuthor } from '../domain/volume';

export interface EventPayloads {
  /** Minute buckets that changed; replace by `minute`. */
  'volume.delta': { buckets: MinuteBucket[] };
  /** Newly stored mentions, newest first; dedupe by `id`. */
  'mentions.new': { mentions: Mention[] };
  /** The current top authors of the default window; replaces the list. */
  'authors.top': { authors: TopAuthor[]; windowMinutes: number };
  /** The full list of open alerts; replaces the list. */
  'alerts.changed': { alerts: Alert[] };
  /** The health of every source; replaces the list. */
  'sources.health': { sources: SourceHealth[] };
}

export type EventTopic = keyof EventPayloads;

export const EVENT_TOPICS = ['volume.delta', 'mentions.new', 'authors.top', 'alerts.changed', 'sources.health'] as const satisfies readonly EventTopic[];

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _allTopics: Exact<(typeof EVENT_TOPICS)[number], EventTopic> = true;
void _allTopics;

/** Window of the top-authors push, in minutes: "talking right now". */
export const TOP_AUTHORS_WINDOW_MINUTES = 15;
