/** What the care KPIs and the waiting-customers list read. */
import type { WaitingItem } from '@shared/domain/waiting';
import type { KpiConversation, UntouchedConversations } from '@shared/logic/care/kpis';
import type { Db } from '../../database';

/** The columns care's KPI formulas read; select them as KPI_COLUMNS. */
export interface KpiRow {
  opened_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  resolution: string | null;
  sentiment_first: number | null;
  sentiment_last: number | null;
  csat: number | null;
  nps: number | null;
  survey_asked_at: number | null;
  survey_answered_at: number | null;
  assignee: string | null;
  team_id: number | null;
}

export const KPI_COLUMNS =
  'opened_at, first_response_at, resolved_at, resolution, sentiment_first, sentiment_last, csat, nps, survey_asked_at, survey_answered_at, assignee, team_id';

export function toKpiConversation(r: KpiRow): KpiConversation {
  return {
    openedAt: r.opened_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution as KpiConversation['resolution'],
    sentimentFirst: r.sentiment_first,
    sentimentLast: r.sentiment_last,
    csat: r.csat,
    nps: r.nps,
    surveyAskedAt: r.survey_asked_at,
    surveyAnsweredAt: r.survey_answered_at,
    assignee: r.assignee,
    teamId: r.team_id,
  };
}

export function kpiQueries(db: Db) {
  // Every customer waiting on a post that needs a reply (care_conversations_waiting_reply), no cap:
  // a cap made the alert say "500 customers" while thousands waited.
  // Only what a waiting item holds: at 10 M mentions hundreds of thousands wait, and whole rows
  // (with their JSON columns parsed) took seconds on every alert evaluation.
  const waiting = db.prepare<[number], { id: number; waiting_mention_id: number | null; waiting_since: number; topic_ids: string; author_handle: string }>(
    'SELECT id, waiting_mention_id, waiting_since, topic_ids, author_handle FROM care_conversations WHERE waiting_since IS NOT NULL AND needs_reply = 1 AND waiting_since <= ? ORDER BY waiting_since',
  );
  // The KPI tile's counts by the same rule as lateWaiting (now − waiting_since > target), from the
  // partial index alone (care_conversations_waiting_reply), without reading the rows.
  const waitingSummary = db.prepare<[{ now: number; lateBefore: number }], { waiting: number; late: number; oldestLate: number | null }>(`
    SELECT COUNT(*) AS waiting, COALESCE(SUM(waiting_since < @lateBefore), 0) AS late, MIN(CASE WHEN waiting_since < @lateBefore THEN waiting_since END) AS oldestLate
    FROM care_conversations WHERE waiting_since IS NOT NULL AND needs_reply = 1 AND waiting_since <= @now`);
  // The KPIs' conversations: those that need a reply opened in [from, to), plus every such one
  // still open that was opened before `to`; never a drill's. Untouched open ones (the predicate of
  // migration 020's partial indexes, kept word for word so SQLite can use them) are counted from
  // their index; the touched ones are read from theirs.
  const UNTOUCHED = `needs_reply = 1 AND drill_run_id IS NULL AND status <> 'resolved' AND resolved_at IS NULL AND first_response_at IS NULL
        AND assignee IS NULL AND team_id IS NULL AND csat IS NULL AND nps IS NULL AND survey_asked_at IS NULL`;
  const TOUCHED = `(resolved_at IS NOT NULL OR first_response_at IS NOT NULL
        OR assignee IS NOT NULL OR team_id IS NOT NULL OR csat IS NOT NULL OR nps IS NOT NULL OR survey_asked_at IS NOT NULL)`;
  const touchedForKpis = db.prepare<[{ from: number; to: number }], KpiRow>(
    `SELECT ${KPI_COLUMNS} FROM care_conversations INDEXED BY care_conversations_touched
     WHERE needs_reply = 1 AND drill_run_id IS NULL AND (status = 'resolved' OR resolved_at IS NOT NULL OR first_response_at IS NOT NULL
        OR assignee IS NOT NULL OR team_id IS NOT NULL OR csat IS NOT NULL OR nps IS NOT NULL OR survey_asked_at IS NOT NULL)
       AND opened_at >= @from AND opened_at < @to
     UNION ALL
     SELECT ${KPI_COLUMNS} FROM care_conversations INDEXED BY care_conversations_touched_open
     WHERE needs_reply = 1 AND drill_run_id IS NULL AND status <> 'resolved' AND ${TOUCHED} AND opened_at < @from`,
  );
  // Plain counts over ranges of the index: an aggregate with expressions per entry (SUM(opened_at < x))
  // took four times as long as COUNT(*) over the same 134,000 entries. The breaches and the backlog are
  // the whole count less the short ranges of the newest openings (within the target, or after asOf).
  const untouchedCount = db
    .prepare<[{ from: number; to: number }], number>(
      `SELECT COUNT(*) FROM care_conversations INDEXED BY care_conversations_untouched WHERE ${UNTOUCHED} AND opened_at >= @from AND opened_at < @to`,
    )
    .pluck();
  const untouchedOldest = db
    .prepare<[{ to: number; asOf: number }], number | null>(
      `SELECT MIN(opened_at) FROM care_conversations INDEXED BY care_conversations_untouched WHERE ${UNTOUCHED} AND opened_at < @to AND opened_at <= @asOf`,
    )
    .pluck();
  const untouchedNewest = db
    .prepare<[{ to: number; asOf: number; offset: number; limit: number }], number>(
      `SELECT opened_at FROM care_conversations INDEXED BY care_conversations_untouched
       WHERE ${UNTOUCHED} AND opened_at < @to AND opened_at <= @asOf ORDER BY opened_at DESC LIMIT @limit OFFSET @offset`,
    )
    .pluck();

  return {
    /** Customers waiting since at or before `before` on conversations that need a reply, longest first. */
    waiting(before: number): WaitingItem[] {
      return waiting.all(before).map((r) => ({
        conversationId: r.id,
        firstMentionId: r.waiting_mention_id ?? 0,
        waitingSince: r.waiting_since,
        topicIds: JSON.parse(r.topic_ids) as number[],
        authorHandle: r.author_handle,
      }));
    },
    /** How many wait (as `waiting(now)` lists them), how many longer than `targetMinutes`, and since when the longest of those has. */
    waitingSummary(now: number, targetMinutes: number): { waiting: number; late: number; oldestLate: number | null } {
      return waitingSummary.get({ now, lateBefore: now - targetMinutes * 60_000 })!;
    },
    /**
     * The KPIs' conversations (those that need a reply opened in [from, to), plus every such one
     * still open that was opened before `to`; never a drill's): the touched ones read, the
     * untouched ones counted (`asOf` and `targetMinutes` for their breaches and backlog).
     */
    forKpis(from: number, to: number, asOf: number, targetMinutes: number): { touched: KpiConversation[]; untouched: UntouchedConversations } {
      const touched = touchedForKpis.all({ from, to }).map(toKpiConversation);
      const count = untouchedCount.get({ from: Number.MIN_SAFE_INTEGER, to })!;
      const lateBefore = asOf - targetMinutes * 60_000;
      const overTarget = count - untouchedCount.get({ from: lateBefore, to })!;
      const open = asOf + 1 >= to ? count : count - untouchedCount.get({ from: asOf + 1, to })!;
      return {
        touched,
        untouched: {
          count,
          overTarget,
          open,
          oldestOpenedAt: open === 0 ? null : untouchedOldest.get({ to, asOf })!,
          openedAtNewestFirst: (offset, limit) => untouchedNewest.all({ to, asOf, offset, limit }),
        },
      };
    },
  };
}
