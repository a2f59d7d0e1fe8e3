import type { Migration } from './migration';

/**
 * Satisfaction asked rather than typed: when a question went out (and which), when the customer's
 * answer came back, and where a recorded score came from ('typed' by an agent, 'asked' from the
 * customer's reply), so the KPIs can give the response rate (answered ÷ asked) beside the score.
 */
export const migration016: Migration = {
  version: 16,
  name: 'care-surveys',
  up: `
    ALTER TABLE care_conversations ADD COLUMN survey_kind TEXT;
    ALTER TABLE care_conversations ADD COLUMN survey_asked_at INTEGER;
    ALTER TABLE care_conversations ADD COLUMN survey_answered_at INTEGER;
    ALTER TABLE care_conversations ADD COLUMN survey_origin TEXT;
    UPDATE care_conversations SET survey_origin = 'typed' WHERE csat IS NOT NULL OR nps IS NOT NULL;
  `,
};
