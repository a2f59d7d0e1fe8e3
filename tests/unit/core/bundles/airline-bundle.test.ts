/**
 * A bundle of real data: the airline tweets imported into one data folder with a US Airways topic,
 * the day of the US Airways surge (2015-02-22) exported as a bundle of that topic, imported into
 * another data folder. Counts are checked against a plain SQL count on the first folder, and the
 * day replays the same in both.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAirlineTweets } from '../../../support/airline-import';
import { volumeAt, topicsVolumeAt, trendsAt } from '../../../../electron/core/review/as-of';
import { sharedDataFile } from '../../../support/shared-data';
import { countRows, useTempDirs } from '../../../support/core-helpers';
import { closeRoomsAfterEach, openRoom } from './bundle-harness';

const airline = sharedDataFile('airline-tweets.csv');
const tempDir = useTempDirs();
closeRoomsAfterEach();
const HOUR = 3_600_000;
const DAY = Date.UTC(2015, 1, 22);

describe('a bundle of the airline data set', () => {
  it.skipIf(!airline.available)('carries the US Airways surge day with exact counts and replays the same elsewhere', { timeout: 240_000 }, async () => {
    const theirs = tempDir();
    const imported = await importAirlineTweets(airline.path, theirs);
    expect(imported.code, imported.output).toBe(0);
    const a = openRoom(theirs);
    a.clock.now = Date.UTC(2015, 1, 25);
    const topic = a.services.topics.create({ name: 'US Airways', kind: 'brand', query: '@USAirways' });
    await a.services.topics.idle();

    const exported = await a.call('bundles.export', { from: DAY, to: DAY + 24 * HOUR - 1, topicId: topic.id });
    const expected = a.store.db
      .prepare('SELECT COUNT(*) FROM mentions m JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ? WHERE m.heard_at >= ? AND m.heard_at < ?')
      .pluck()
      .get(topic.id, DAY, DAY + 24 * HOUR) as number;
    console.log(`US Airways on 2015-02-22: ${expected} mentions, bundle of ${exported.bytes} bytes`);
    expect(expected).toBeGreaterThan(500);
    expect(exported.counts.mentions).toBe(expected);
    expect(exported.counts.topics).toBe(1);
    expect(exported.counts.authors).toBe(
      a.store.db
        .prepare(
          'SELECT COUNT(DISTINCT m.author_handle) FROM mentions m JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ? WHERE m.heard_at >= ? AND m.heard_at < ?',
        )
        .pluck()
        .get(topic.id, DAY, DAY + 24 * HOUR) as number,
    );

    const b = openRoom(tempDir());
    b.clock.now = a.clock.now;
    const { workspace } = await b.call('bundles.import', { path: join(theirs, 'exports', exported.fileName) });
    expect(workspace).toMatchObject({ kind: 'bundle', mentions: expected, checksum: exported.checksum });
    const ws = b.services.workspaces.storeFor(workspace.id);
    expect(countRows(ws, 'mention_topics')).toBe(expected);

    // The surge replays the same from the bundle as from the original folder.
    const at = DAY + 14 * HOUR - 1;
    expect(volumeAt(ws, at, 240, topic.id)).toEqual(volumeAt(a.store, at, 240, topic.id));
    expect(volumeAt(ws, at, 240, null)).toEqual(volumeAt(a.store, at, 240, topic.id));
    expect(topicsVolumeAt(ws, at, 240)).toEqual(topicsVolumeAt(a.store, at, 240));
    expect(trendsAt(ws, at, topic.id, 60, 20)).toEqual(trendsAt(a.store, at, topic.id, 60, 20));
    expect(trendsAt(ws, at, topic.id, 60, 20).length).toBeGreaterThan(0);

    const again = await b.call('bundles.export', { workspace: workspace.id, from: DAY, to: DAY + 24 * HOUR - 1, topicId: topic.id });
    expect(again.checksum).toBe(exported.checksum);
  });
});
