/**
 * The record's tables in the words of the people who read the Review view: what is kept, not how
 * SQLite names it. A table not listed here (a newer migration) shows under "Other".
 */
import type { RecordSummary } from '@shared/domain/review';

const GROUPS: ReadonlyArray<{ label: string; what: string; tables: readonly string[] }> = [
  {
    label: 'Mentions',
    what: 'every post heard, with its topics, stories, flags and corrections',
    tables: ['mentions', 'mention_topics', 'mention_stories', 'mention_flags', 'stories', 'sentiment_corrections'],
  },
  {
    label: 'Per-minute counts',
    what: 'volume, sentiment, terms and emotions by minute (for charts and replays)',
    tables: ['volume_minute', 'volume_topic_minute', 'term_minute', 'emotion_minute', 'author_hour'],
  },
  { label: 'Authors', what: 'profiles and watchlists', tables: ['authors', 'watchlists', 'watchlist_members'] },
  {
    label: 'Alerts',
    what: 'alerts with their history and incidents, rules and webhook deliveries',
    tables: ['alerts', 'alert_events', 'alert_versions', 'alert_rules', 'incidents', 'webhook_destinations', 'webhook_deliveries'],
  },
  {
    label: 'Customer care',
    what: 'conversations, replies, notes, customers and the team',
    tables: [
      'care_conversations',
      'care_conversation_mentions',
      'care_events',
      'care_replies',
      'care_notes',
      'care_customers',
      'care_customer_handles',
      'care_accounts',
      'care_agents',
      'care_teams',
      'care_templates',
      'care_routing_rules',
      'care_saved_views',
      'care_triage_lessons',
    ],
  },
  {
    label: 'Walls',
    what: 'displays, layouts, playlists and what each wall showed',
    tables: ['wall_displays', 'wall_layouts', 'wall_playlists', 'wall_events', 'wall_watchdog_events', 'display_pairings'],
  },
  { label: 'Sources and topics', what: 'sources with their failures and recoveries, topics', tables: ['sources', 'source_events', 'topics'] },
  { label: 'Review and drills', what: 'annotations, drill scenarios and runs', tables: ['annotations', 'drill_scenarios', 'drill_runs'] },
  {
    label: 'People and settings',
    what: 'people, sign-ins, the audit log and settings',
    tables: ['people', 'auth_sessions', 'audit_log', 'settings', 'counters'],
  },
];

export interface RecordGroup {
  label: string;
  what: string;
  rows: number;
  /** null when the database did not report sizes. */
  bytes: number | null;
}

export function groupRecordTables(tables: RecordSummary['tables']): RecordGroup[] {
  const out = GROUPS.map((g) => ({ label: g.label, what: g.what, rows: 0, bytes: null as number | null, found: false }));
  const other = { label: 'Other', what: 'tables added since this list was written', rows: 0, bytes: null as number | null, found: false };
  for (const t of tables) {
    const i = GROUPS.findIndex((g) => g.tables.includes(t.name));
    // Search-index shadow tables (mentions_fts_data …) belong to mentions.
    const into = i >= 0 ? out[i]! : t.name.startsWith('mentions_') ? out[0]! : other;
    into.found = true;
    // Rows of the main table per group (the others are links and history); sizes add up.
    if (i >= 0 && GROUPS[i]!.tables[0] === t.name) into.rows = t.rows;
    if (t.bytes !== null) into.bytes = (into.bytes ?? 0) + t.bytes;
    if (into === other) into.rows += t.rows;
  }
  return [...out, other].filter((g) => g.found).map(({ found: _found, ...g }) => g);
}
