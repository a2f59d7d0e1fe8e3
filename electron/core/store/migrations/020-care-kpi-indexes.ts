import type { Migration } from './migration';

/**
 * Indexes for care KPIs at 10 million mentions, where a period's KPIs had to read every open
 * conversation (140,000 at 10 M, almost all of them never touched by an agent).
 * - `care_conversations_untouched`: open conversations needing a reply with no reply, resolve,
 *   survey, score, assignee or team. The KPIs count them, their breaches and their backlog ages
 *   from this index alone (store/queries/care/kpis.ts); the predicate must stay the same there.
 *   Its predicate's columns are in the key, all NULL or constant for these rows (a byte each),
 *   because SQLite does not count a partial index's WHERE columns as covered and would otherwise
 *   read every row.
 * - `care_conversations_touched` and `care_conversations_touched_open`: the rest, read in full:
 *   those opened in the period, and the ones still open from before it.
 */
export const migration020: Migration = {
  version: 20,
  name: 'care KPI indexes: untouched open conversations counted, touched ones read',
  up: `
    CREATE INDEX care_conversations_untouched ON care_conversations(opened_at, needs_reply, drill_run_id, status, resolved_at, first_response_at,
      assignee, team_id, csat, nps, survey_asked_at)
      WHERE needs_reply = 1 AND drill_run_id IS NULL AND status <> 'resolved' AND resolved_at IS NULL AND first_response_at IS NULL
        AND assignee IS NULL AND team_id IS NULL AND csat IS NULL AND nps IS NULL AND survey_asked_at IS NULL;
    CREATE INDEX care_conversations_touched ON care_conversations(opened_at)
      WHERE needs_reply = 1 AND drill_run_id IS NULL AND (status = 'resolved' OR resolved_at IS NOT NULL OR first_response_at IS NOT NULL
        OR assignee IS NOT NULL OR team_id IS NOT NULL OR csat IS NOT NULL OR nps IS NOT NULL OR survey_asked_at IS NOT NULL);
    CREATE INDEX care_conversations_touched_open ON care_conversations(opened_at)
      WHERE needs_reply = 1 AND drill_run_id IS NULL AND status <> 'resolved' AND (resolved_at IS NOT NULL OR first_response_at IS NOT NULL
        OR assignee IS NOT NULL OR team_id IS NOT NULL OR csat IS NOT NULL OR nps IS NOT NULL OR survey_asked_at IS NOT NULL);
  `,
};
