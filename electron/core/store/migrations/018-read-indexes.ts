import type { Migration } from './migration';

/**
 * Indexes for reads that must stay fast at 10 million mentions.
 * - `author_hour_by_followers`: per hour, authors by follower count, so `authors.top` reads only
 *   the few authors per hour who can make its list (store/queries/top-authors.ts).
 * - `care_conversations_by_opened`: conversations opened in a period (care KPIs, reports) are a
 *   range read instead of a scan of every conversation.
 */
export const migration018: Migration = {
  version: 18,
  name: 'read indexes: author-hours by followers, conversations by opening',
  up: `
    CREATE INDEX author_hour_by_followers ON author_hour(hour, followers DESC);
    CREATE INDEX care_conversations_by_opened ON care_conversations(opened_at);
  `,
};
