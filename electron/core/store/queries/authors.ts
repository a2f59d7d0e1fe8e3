/**
 * Author profiles and watchlists. Other areas read these: alerting (clout and watchlists for
 * influencer alarms), care (profiles beside a conversation).
 */
import type { Author, AuthorSegment, AuthorSentimentDay, Watchlist, WatchlistKind } from '@shared/domain/author';
import type { Platform } from '@shared/domain/mention';
import type { Db } from '../database';

interface AuthorRow {
  id: number;
  platform: string;
  handle: string;
  name: string | null;
  followers: number;
  verified: number;
  first_seen: number;
  last_seen: number;
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  likes: number;
  reposts: number;
  replies: number;
  engagement: number;
  clout: number;
  segment: string;
}

function toAuthor(r: AuthorRow): Author {
  return {
    id: r.id,
    platform: r.platform as Platform,
    handle: r.handle,
    name: r.name,
    followers: r.followers,
    verified: r.verified === 1,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    mentions: r.mentions,
    positive: r.positive,
    neutral: r.neutral,
    negative: r.negative,
    likes: r.likes,
    reposts: r.reposts,
    replies: r.replies,
    engagement: r.engagement,
    clout: r.clout,
    segment: r.segment as AuthorSegment,
  };
}

/** What one batch adds to one author: a profile's counts, with the batch's latest follower count (null: the source did not say). */
export type AuthorIncrement = Omit<AuthorProfile, 'followers'> & { followers: number | null };

/** An author's profile before its clout and segment are derived from it. */
export type AuthorProfile = Omit<Author, 'id' | 'clout' | 'segment'>;

/** How `profilesOf` keys an author. */
export function authorKeyOf(platform: string, handle: string): string {
  return `${platform}\u0000${handle}`;
}

/** The profile after a batch: sums, the batch's name and follower count when it had them, first and last seen widened. */
export function addIncrement(before: Author | undefined, inc: AuthorIncrement): AuthorProfile {
  if (!before) {
    return {
      platform: inc.platform,
      handle: inc.handle,
      name: inc.name,
      followers: inc.followers ?? 0,
      verified: inc.verified,
      firstSeen: inc.firstSeen,
      lastSeen: inc.lastSeen,
      mentions: inc.mentions,
      positive: inc.positive,
      neutral: inc.neutral,
      negative: inc.negative,
      likes: inc.likes,
      reposts: inc.reposts,
      replies: inc.replies,
      engagement: inc.engagement,
    };
  }
  return {
    platform: before.platform,
    handle: before.handle,
    name: inc.name ?? before.name,
    followers: inc.followers ?? before.followers,
    verified: before.verified || inc.verified,
    firstSeen: Math.min(before.firstSeen, inc.firstSeen),
    lastSeen: Math.max(before.lastSeen, inc.lastSeen),
    mentions: before.mentions + inc.mentions,
    positive: before.positive + inc.positive,
    neutral: before.neutral + inc.neutral,
    negative: before.negative + inc.negative,
    likes: before.likes + inc.likes,
    reposts: before.reposts + inc.reposts,
    replies: before.replies + inc.replies,
    engagement: before.engagement + inc.engagement,
  };
}

export type AuthorQueries = ReturnType<typeof authorQueries>;

export function authorQueries(db: Db) {
  const profilesOf = db.prepare<[string], AuthorRow>(
    'SELECT a.* FROM json_each(?) j JOIN authors a ON a.platform = j.value ->> 0 AND a.handle = j.value ->> 1',
  );
  const insertProfile = db.prepare(`
    INSERT INTO authors (platform, handle, name, followers, verified, first_seen, last_seen, mentions, positive, neutral, negative, likes, reposts, replies, engagement, clout, segment)
    VALUES (@platform, @handle, @name, @followers, @verified, @firstSeen, @lastSeen, @mentions, @positive, @neutral, @negative, @likes, @reposts, @replies, @engagement, @clout, @segment)`);
  const readProfiles = (authors: ReadonlyArray<{ platform: string; handle: string }>): Map<string, Author> => {
    if (authors.length === 0) return new Map();
    const rows = profilesOf.all(JSON.stringify(authors.map((a) => [a.platform, a.handle]))) as AuthorRow[];
    return new Map(rows.map((r) => [authorKeyOf(r.platform, r.handle), toAuthor(r)]));
  };
  // SQLite rewrites the entries of every index on a column named in the SET, changed or not:
  // last_seen and clout (both indexed) are named only when they change.
  const updateStatements = new Map<string, ReturnType<Db['prepare']>>();
  const updateProfile = (lastSeen: boolean, clout: boolean) => {
    const key = `${lastSeen}:${clout}`;
    let statement = updateStatements.get(key);
    if (!statement) {
      statement = db.prepare(`
        UPDATE authors SET name = @name, followers = @followers, verified = @verified, first_seen = @firstSeen, mentions = @mentions,
          positive = @positive, neutral = @neutral, negative = @negative, likes = @likes, reposts = @reposts, replies = @replies,
          engagement = @engagement, segment = @segment${lastSeen ? ', last_seen = @lastSeen' : ''}${clout ? ', clout = @clout' : ''}
        WHERE id = @id`);
      updateStatements.set(key, statement);
    }
    return statement;
  };
  const setDerived = db.prepare('UPDATE authors SET clout = ?, segment = ? WHERE id = ?');
  const byId = db.prepare('SELECT * FROM authors WHERE id = ?');
  const byHandle = db.prepare('SELECT * FROM authors WHERE platform = ? AND handle = ?');
  const segmentsOf = db.prepare<[string], { platform: string; handle: string; segment: string }>(
    'SELECT a.platform, a.handle, a.segment FROM json_each(?) j JOIN authors a ON a.platform = j.value ->> 0 AND a.handle = j.value ->> 1',
  );
  const search = db.prepare(`
    SELECT * FROM authors
    WHERE (@q = '' OR handle LIKE @like ESCAPE '\\' OR name LIKE @like ESCAPE '\\')
      AND (@segment IS NULL OR segment = @segment)
    ORDER BY clout DESC, last_seen DESC LIMIT @limit`);
  const moveLabel = db.prepare(`
    UPDATE authors SET
      positive = positive + (@to = 'positive') - (@from = 'positive'),
      neutral = neutral + (@to = 'neutral') - (@from = 'neutral'),
      negative = negative + (@to = 'negative') - (@from = 'negative')
    WHERE platform = @platform AND handle = @handle
    RETURNING *`);
  const mentionsOf = db.prepare(`SELECT id FROM mentions WHERE platform = ? AND author_handle = ? ORDER BY published_at DESC, id DESC LIMIT ?`);
  const sentimentDays = db.prepare(`
    SELECT (published_at / 86400000) * 86400000 AS day,
      SUM(sentiment = 'positive') AS positive, SUM(sentiment = 'neutral') AS neutral,
      SUM(sentiment = 'negative') AS negative, SUM(sentiment = 'unknown') AS unknown
    FROM mentions WHERE platform = ? AND author_handle = ? GROUP BY day ORDER BY day`);

  const listWatchlists = db.prepare(`
    SELECT w.id, w.name, w.kind, w.created_at AS createdAt, (SELECT COUNT(*) FROM watchlist_members m WHERE m.watchlist_id = w.id) AS members
    FROM watchlists w ORDER BY w.name COLLATE NOCASE`);
  const oneWatchlist = db.prepare(`
    SELECT w.id, w.name, w.kind, w.created_at AS createdAt, (SELECT COUNT(*) FROM watchlist_members m WHERE m.watchlist_id = w.id) AS members
    FROM watchlists w WHERE w.id = ?`);
  const watchlistByName = db.prepare('SELECT id FROM watchlists WHERE name = ? COLLATE NOCASE').pluck();
  const createWatchlist = db.prepare('INSERT INTO watchlists (name, kind, created_at) VALUES (?, ?, ?)');
  const removeWatchlist = db.prepare('DELETE FROM watchlists WHERE id = ?');
  const addMember = db.prepare('INSERT OR IGNORE INTO watchlist_members (watchlist_id, author_id, added_at, added_by) VALUES (?, ?, ?, ?)');
  const removeMember = db.prepare('DELETE FROM watchlist_members WHERE watchlist_id = ? AND author_id = ?');
  const members = db.prepare(`SELECT a.* FROM watchlist_members m JOIN authors a ON a.id = m.author_id WHERE m.watchlist_id = ? ORDER BY a.clout DESC`);
  const watchlistsOf = db.prepare(`
    SELECT w.id, w.name, w.kind, w.created_at AS createdAt, (SELECT COUNT(*) FROM watchlist_members x WHERE x.watchlist_id = w.id) AS members
    FROM watchlist_members m JOIN watchlists w ON w.id = m.watchlist_id WHERE m.author_id = ? ORDER BY w.name COLLATE NOCASE`);
  const watchedByHandle = db.prepare(`
    SELECT w.id, w.name, w.kind, w.created_at AS createdAt, 0 AS members
    FROM authors a JOIN watchlist_members m ON m.author_id = a.id JOIN watchlists w ON w.id = m.watchlist_id
    WHERE a.platform = ? AND a.handle = ?`);

  return {
    /**
     * Adds a batch's increments (inside the batch transaction) and returns the authors as stored
     * after it; `derive` gives each profile's clout and segment, stored with it. One look-up for
     * the whole batch and one write per author.
     */
    addBatch(
      increments: readonly AuthorIncrement[],
      derive: (profile: AuthorProfile) => { clout: number; segment: AuthorSegment },
      stored: ReadonlyMap<string, Author> = readProfiles(increments),
    ): Author[] {
      return increments.map((inc) => {
        const before = stored.get(authorKeyOf(inc.platform, inc.handle));
        const profile = addIncrement(before, inc);
        const { clout, segment } = derive(profile);
        const params = { ...profile, verified: profile.verified ? 1 : 0, clout, segment };
        if (!before) return { id: Number(insertProfile.run(params).lastInsertRowid), ...profile, clout, segment };
        updateProfile(profile.lastSeen !== before.lastSeen, clout !== before.clout).run({ ...params, id: before.id });
        return { id: before.id, ...profile, clout, segment };
      });
    },
    /** The stored profiles of these authors (one look-up for a batch), by `authorKeyOf`; unknown authors are left out. */
    profilesOf: readProfiles,
    setDerived(id: number, clout: number, segment: AuthorSegment): void {
      setDerived.run(clout, segment, id);
    },
    get(id: number): Author | null {
      const r = byId.get(id) as AuthorRow | undefined;
      return r ? toAuthor(r) : null;
    },
    byHandle(platform: string, handle: string): Author | null {
      const r = byHandle.get(platform, handle) as AuthorRow | undefined;
      return r ? toAuthor(r) : null;
    },
    /** The segments of these [platform, handle] authors (one look-up for a batch); unknown authors are left out. */
    segmentsOf(keys: ReadonlyArray<readonly [string, string]>): Array<{ platform: string; handle: string; segment: AuthorSegment }> {
      return keys.length === 0 ? [] : (segmentsOf.all(JSON.stringify(keys)) as Array<{ platform: string; handle: string; segment: AuthorSegment }>);
    },
    /** Case-insensitive substring of handle or name, highest clout first. */
    search(query: string, segment: AuthorSegment | null, limit: number): Author[] {
      const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return (search.all({ q: query, like, segment, limit }) as AuthorRow[]).map(toAuthor);
    },
    /** Moves one mention's count from one label to another (a correction). */
    moveLabel(platform: string, handle: string, from: string, to: string): Author | null {
      const r = moveLabel.get({ platform, handle, from, to }) as AuthorRow | undefined;
      return r ? toAuthor(r) : null;
    },
    mentionIds(platform: string, handle: string, limit: number): number[] {
      return (mentionsOf.all(platform, handle, limit) as Array<{ id: number }>).map((r) => r.id);
    },
    sentimentByDay(platform: string, handle: string): AuthorSentimentDay[] {
      return sentimentDays.all(platform, handle) as AuthorSentimentDay[];
    },
    watchlists(): Watchlist[] {
      return listWatchlists.all() as Watchlist[];
    },
    watchlist(id: number): Watchlist | null {
      return (oneWatchlist.get(id) as Watchlist | undefined) ?? null;
    },
    watchlistIdByName(name: string): number | null {
      return (watchlistByName.get(name) as number | undefined) ?? null;
    },
    createWatchlist(name: string, kind: WatchlistKind, at: number): Watchlist {
      const id = Number(createWatchlist.run(name, kind, at).lastInsertRowid);
      return oneWatchlist.get(id) as Watchlist;
    },
    removeWatchlist(id: number): boolean {
      return removeWatchlist.run(id).changes > 0;
    },
    addMember(watchlistId: number, authorId: number, by: string, at: number): boolean {
      return addMember.run(watchlistId, authorId, at, by).changes > 0;
    },
    removeMember(watchlistId: number, authorId: number): boolean {
      return removeMember.run(watchlistId, authorId).changes > 0;
    },
    members(watchlistId: number): Author[] {
      return (members.all(watchlistId) as AuthorRow[]).map(toAuthor);
    },
    watchlistsOf(authorId: number): Watchlist[] {
      return watchlistsOf.all(authorId) as Watchlist[];
    },
    /** The watchlists an author (by platform and handle) is on: what an influencer alarm checks. */
    watchlistsOfHandle(platform: string, handle: string): Array<Pick<Watchlist, 'id' | 'name' | 'kind'>> {
      return (watchedByHandle.all(platform, handle) as Watchlist[]).map(({ id, name, kind }) => ({ id, name, kind }));
    },
  };
}
