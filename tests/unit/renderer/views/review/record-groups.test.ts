import { describe, expect, it } from 'vitest';
import { groupRecordTables } from '../../../../../renderer/src/views/review/record-groups';

describe('the record in plain words', () => {
  it('groups tables by what they keep, counts the main table and adds up sizes', () => {
    const groups = groupRecordTables([
      { name: 'mentions', rows: 1200, bytes: 4000 },
      { name: 'mention_topics', rows: 1500, bytes: 500 },
      { name: 'mentions_fts_data', rows: 30, bytes: 1000 },
      { name: 'alerts', rows: 7, bytes: 100 },
      { name: 'alert_events', rows: 20, bytes: null },
      { name: 'brand_new_table', rows: 3, bytes: 10 },
    ]);
    expect(groups).toEqual([
      { label: 'Mentions', what: expect.any(String), rows: 1200, bytes: 5500 },
      { label: 'Alerts', what: expect.any(String), rows: 7, bytes: 100 },
      { label: 'Other', what: expect.any(String), rows: 3, bytes: 10 },
    ]);
  });
});
