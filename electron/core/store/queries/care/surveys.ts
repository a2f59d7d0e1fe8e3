/** Satisfaction questions asked after a resolve, and the answers read from customers' replies. */
import type { SurveyKind } from '@shared/logic/care/survey-answer';
import type { Db } from '../../database';

export interface PendingSurvey {
  conversationId: number;
  kind: SurveyKind;
  askedAt: number;
}

export function surveyQueries(db: Db) {
  // Typed in by an agent: the manual path; it never counts as an answer to a question asked.
  const setTyped = db.prepare(`UPDATE care_conversations SET csat = COALESCE(@csat, csat), nps = COALESCE(@nps, nps), survey_origin = 'typed' WHERE id = @id`);
  const asked = db.prepare('UPDATE care_conversations SET survey_kind = @kind, survey_asked_at = @at WHERE id = @id AND survey_asked_at IS NULL');
  const unask = db.prepare('UPDATE care_conversations SET survey_kind = NULL, survey_asked_at = NULL WHERE id = ? AND survey_answered_at IS NULL');
  const pending = db.prepare<[string, number], { id: number; survey_kind: SurveyKind; survey_asked_at: number }>(`
    SELECT id, survey_kind, survey_asked_at FROM care_conversations
     WHERE id IN (SELECT value FROM json_each(?)) AND survey_asked_at >= ? AND survey_answered_at IS NULL`);
  // The answer is the customer's reply to a resolved conversation: it must not leave them "waiting".
  const answered = db.prepare(`UPDATE care_conversations SET
      csat = CASE WHEN survey_kind = 'csat' THEN @value ELSE csat END,
      nps = CASE WHEN survey_kind = 'nps' THEN @value ELSE nps END,
      survey_answered_at = @at, survey_origin = 'asked',
      waiting_since = CASE WHEN status = 'resolved' THEN NULL ELSE waiting_since END,
      waiting_mention_id = CASE WHEN status = 'resolved' THEN NULL ELSE waiting_mention_id END
    WHERE id = @id AND survey_answered_at IS NULL`);

  return {
    setSurvey(id: number, csat: number | null, nps: number | null): void {
      setTyped.run({ id, csat, nps });
    },
    /** True when this call recorded the question (a conversation is asked once). */
    markSurveyAsked(id: number, kind: SurveyKind, at: number): boolean {
      return asked.run({ id, kind, at }).changes === 1;
    },
    /** The question was not delivered: it does not count as asked. */
    clearSurveyAsked(id: number): void {
      unask.run(id);
    },
    /** Of these conversations, those with a question asked since `since` and not yet answered. */
    pendingSurveys(ids: readonly number[], since: number): PendingSurvey[] {
      if (ids.length === 0) return [];
      return pending.all(JSON.stringify(ids), since).map((r) => ({ conversationId: r.id, kind: r.survey_kind, askedAt: r.survey_asked_at }));
    },
    recordSurveyAnswer(id: number, value: number, at: number): boolean {
      return answered.run({ id, value, at }).changes === 1;
    },
  };
}
