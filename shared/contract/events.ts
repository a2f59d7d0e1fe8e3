/**
 * Live pushes from the core, merged from one module per area under `areas/`. A window subscribes
 * to a topic, fetches a snapshot with a call, then applies these deltas; every delta is idempotent
 * (replace-by-key or dedupe-by-id) so the order of snapshot and first delta does not matter.
 */
import { ALERTING_EVENT_TOPICS, type AlertingEvents } from './areas/alerting';
import { CARE_EVENT_TOPICS, type CareEvents } from './areas/care';
import { CORE_EVENT_TOPICS, type CoreEvents } from './areas/core';
import { LISTENING_EVENT_TOPICS, type ListeningEvents } from './areas/listening';
import { UNDERSTANDING_EVENT_TOPICS, type UnderstandingEvents } from './areas/understanding';
import { WALLS_EVENT_TOPICS, type WallsEvents } from './areas/walls';
import { REVIEW_EVENT_TOPICS, type ReviewEvents } from './areas/review';
import { BUNDLES_EVENT_TOPICS, type BundlesEvents } from './areas/bundles';
import { REPORTS_EVENT_TOPICS, type ReportsEvents } from './areas/reports';
import { DRILLS_EVENT_TOPICS, type DrillsEvents } from './areas/drills';
import type { Role } from './access';

export interface EventPayloads
  extends CoreEvents, ListeningEvents, UnderstandingEvents, AlertingEvents, WallsEvents, CareEvents, ReviewEvents, BundlesEvents, ReportsEvents, DrillsEvents {}

export type EventTopic = keyof EventPayloads;

export const EVENT_TOPICS = [
  ...CORE_EVENT_TOPICS,
  ...LISTENING_EVENT_TOPICS,
  ...UNDERSTANDING_EVENT_TOPICS,
  ...ALERTING_EVENT_TOPICS,
  ...WALLS_EVENT_TOPICS,
  ...CARE_EVENT_TOPICS,
  ...REVIEW_EVENT_TOPICS,
  ...BUNDLES_EVENT_TOPICS,
  ...REPORTS_EVENT_TOPICS,
  ...DRILLS_EVENT_TOPICS,
] as const satisfies readonly EventTopic[];

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _allTopics: Exact<(typeof EVENT_TOPICS)[number], EventTopic> = true;
void _allTopics;

/**
 * The least role that may subscribe to each push: walls get the aggregates they draw, never the
 * inbox, customers, corrections or review workspaces.
 */
export const eventRoles = {
  'volume.delta': 'wall',
  'mentions.new': 'wall',
  'authors.top': 'wall',
  'alerts.changed': 'wall',
  'sources.health': 'wall',
  'topics.changed': 'wall',
  'topics.volume.delta': 'wall',
  'mentions.corrected': 'agent',
  'walls.layouts.changed': 'wall',
  'walls.playlists.changed': 'wall',
  'walls.displays.changed': 'wall',
  'walls.status': 'lead',
  'care.conversations': 'agent',
  'care.presence': 'agent',
  'annotations.changed': 'agent',
  'review.workspaces.changed': 'agent',
  'reports.exported': 'agent',
  'drills.state': 'wall',
} as const satisfies Record<EventTopic, Role>;

/** Window of the top-authors push, in minutes: "talking right now". */
export const TOP_AUTHORS_WINDOW_MINUTES = 15;
