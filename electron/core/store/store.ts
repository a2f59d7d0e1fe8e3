/** The one place that opens the database and hands out the query modules. */
import { join } from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './database';
import { alertQueries } from './queries/alerts';
import { mentionQueries } from './queries/mentions';
import { settingsQueries } from './queries/settings';
import { sourceQueries } from './queries/sources';
import { topicQueries } from './queries/topics';
import { volumeQueries } from './queries/volume';

export const DATABASE_FILE = 'earshot.db';

export type Store = ReturnType<typeof createStore>;

export function createStore(db: Db) {
  return {
    db,
    mentions: mentionQueries(db),
    volume: volumeQueries(db),
    sources: sourceQueries(db),
    alerts: alertQueries(db),
    settings: settingsQueries(db),
    topics: topicQueries(db),
    /** Runs `work` in one write transaction (IMMEDIATE, so it never fails half-way on a lock upgrade). */
    transaction<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },
    close(): void {
      db.close();
    },
  };
}

export function openStore(dataDir: string, options: OpenOptions = {}): Store {
  return createStore(openDatabase(join(dataDir, DATABASE_FILE), options));
}
