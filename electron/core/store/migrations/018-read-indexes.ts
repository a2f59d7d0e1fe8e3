import type { Migration } from './migration';

/**
 * Indexes for reads that must stay fast at 10 million mentions.
 * - `author_hour_by_followers`: per hour, authors by follower count, so `authors.top` reads only
 *   the few authors per hour who can make its list (store/queries/top-authors.ts).
 * - `care_conversations_by_opened`: conversations opened in a period (care KPIs, reports) are a
 *   range read instead of a scan of every conversation.
 * - `mentions_published_ahead`: the few posts dated ahead of the moment they were heard, so a
 *   replay's newest mentions need not walk a day of publication times (store/queries/record.ts).
 */
export const migration018: Migration = {
  version: 18,
  name: 'read indexes: author-hours by followers, conversations by opening, posts dated ahead',
  up: `
    CREATE INDEX author_hour_by_followers ON author_hour(hour, followers DESC);
    CREATE INDEX care_conversations_by_opened ON care_conversations(opened_at);
    CREATE INDEX mentions_published_ahead ON mentions(published_at) WHERE published_at > heard_at;
  `,
};
