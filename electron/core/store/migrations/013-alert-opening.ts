import type { Migration } from './migration';

/**
 * What an alert showed when it opened, kept beside what it shows now: a refresh overwrites the
 * detail, numbers and evidence, so "opened at 10 in 15 min" became "421 in 60 min" and the first
 * evidence was lost. Alerts stored before this get their opening from their first recorded
 * version where one exists (the versions began with migration 008).
 */
export const migration013: Migration = {
  version: 13,
  name: 'alert opening state',
  up: `
    ALTER TABLE alerts ADD COLUMN opening TEXT;
    UPDATE alerts SET opening = (
      SELECT json_object(
        'at', alerts.opened_at,
        'severity', json_extract(v.row, '$.severity'),
        'detail', json_extract(v.row, '$.detail'),
        'measure', json_extract(json_extract(v.row, '$.explanation'), '$.measure'),
        'observed', json_extract(json_extract(v.row, '$.explanation'), '$.observed'),
        'expected', json_extract(json_extract(v.row, '$.explanation'), '$.expected'),
        'bandHigh', json_extract(json_extract(v.row, '$.explanation'), '$.bandHigh'),
        'windowMinutes', json_extract(json_extract(v.row, '$.explanation'), '$.windowMinutes'),
        'evidence', json(COALESCE(json_extract(v.row, '$.evidence'), '[]')))
      FROM alert_versions v WHERE v.alert_id = alerts.id ORDER BY v.at, v.id LIMIT 1);
  `,
};
