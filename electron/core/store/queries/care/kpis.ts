/** What the care KPIs and the waiting-customers list read. */
import type { KpiConversation } from '../../../../../shared/logic/care/kpis';
import type { Db } from '../../database';
import { toConversation, type ConversationRow, type StoredConversation } from './rows';

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

export const KPI_COLUMNS = 'opened_at, first_response_at, resolved_at, resolution, sentiment_first, sentiment_last, csat, nps, survey_asked_at, survey_answered_at, assignee, team_id';

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
  const waiting = db.prepare<[number], ConversationRow>('SELECT * FROM care_conversations WHERE waiting_since IS NOT NULL AND needs_reply = 1 AND waiting_since <= ? ORDER BY waiting_since');
  const forKpis = db.prepare<[number, number, number], KpiRow>(
    `SELECT ${KPI_COLUMNS}
     FROM care_conversations
     WHERE drill_run_id IS NULL AND needs_reply = 1 AND ((opened_at >= ? AND opened_at < ?) OR (status <> 'resolved' AND opened_at < ?))`,
  );

  return {
    /** Customers waiting since at or before `before` on conversations that need a reply, longest first. */
    waiting(before: number): StoredConversation[] {
      return waiting.all(before).map(toConversation);
    },
    /** Conversations that need a reply opened in [from, to), plus every such one still open that was opened before `to`; never a drill's. */
    forKpis(from: number, to: number): KpiConversation[] {
      return forKpis.all(from, to, to).map(toKpiConversation);
    },
  };
}
