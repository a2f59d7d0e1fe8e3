/** The one place that opens the database and hands out the query modules. */
import { join } from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './database';
import { alertQueries } from './queries/alerts';
import { alertingQueries } from './queries/alerting';
import { authorQueries } from './queries/authors';
import { careQueries } from './queries/care';
import { reportQueries } from './queries/reports';
import { emotionQueries } from './queries/emotions';
import { mentionQueries } from './queries/mentions';
import { recordQueries } from './queries/record';
import { recordCareQueries } from './queries/record-care';
import { settingsQueries } from './queries/settings';
import { sourceQueries } from './queries/sources';
import { sourceEventQueries } from './queries/source-events';
import { storyQueries } from './queries/stories';
import { flagQueries } from './queries/flags';
import { topicQueries } from './queries/topics';
import { topicHistoryQueries } from './queries/topic-history';
import { understandingQueries } from './queries/understanding';
import { labelledPostQueries } from './queries/labelled-posts';
import { volumeQueries } from './queries/volume';
import { wallQueries } from './queries/walls';
import { peopleQueries } from './queries/people';
import { auditQueries } from './queries/audit';
import { derivedQueries } from './queries/derived';

export const DATABASE_FILE = 'earshot.db';

export type Store = ReturnType<typeof createStore>;

export function createStore(db: Db) {
  return {
    db,
    mentions: mentionQueries(db),
    emotions: emotionQueries(db),
    volume: volumeQueries(db),
    sources: sourceQueries(db),
    /** What happened to each source (failures, rate limits, recoveries, pause/resume), for replays. */
    sourceEvents: sourceEventQueries(db),
    alerts: alertQueries(db),
    alerting: alertingQueries(db),
    stories: storyQueries(db),
    flags: flagQueries(db),
    settings: settingsQueries(db),
    topics: topicQueries(db),
    /** Author profiles and watchlists (understanding); alerting and care read them. */
    authors: authorQueries(db),
    understanding: understandingQueries(db),
    /** Labelled posts a workspace's sentiment adaptation learns from (understanding). */
    labelled: labelledPostQueries(db),
    topicHistory: topicHistoryQueries(db),
    care: careQueries(db),
    walls: wallQueries(db),
    /** The complete record (review): annotations, wall events, size and retention, replay reads. */
    record: recordQueries(db),
    /** Care as of a moment (replay of the inbox). */
    recordCare: recordCareQueries(db),
    /** Incident reports (read-only; drill rows left out). */
    reports: reportQueries(db),
    /** People, sign-in sessions and paired walls. */
    people: peopleQueries(db),
    /** Every state-changing call: who, when, what, outcome. */
    audit: auditQueries(db),
    /** The registry of tables derived from mentions: removing mentions (retention, drills) and rebuilding rollups (workspaces). */
    derived: derivedQueries(db),
    /** Runs `work` in one write transaction (IMMEDIATE, so it never fails half-way on a lock upgrade). */
    transaction<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },
    /** Runs `work` in one read transaction: every read sees one snapshot, even while another process writes. */
    readTransaction<T>(work: () => T): T {
      return db.transaction(work).deferred();
    },
    /** Moves everything from the write-ahead log into the database file and empties the log (a finished file to hand over). */
    checkpoint(): void {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    /** For a throwaway database only: commits stop waiting for the disk, so a power cut may lose or corrupt it. */
    skipDiskSyncs(): void {
      db.pragma('synchronous = OFF');
    },
    close(): void {
      db.close();
    },
  };
}

export function openStore(dataDir: string, options: OpenOptions = {}): Store {
  return createStore(openDatabase(join(dataDir, DATABASE_FILE), options));
}
