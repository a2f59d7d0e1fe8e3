/**
 * Incident bundles end to end on real files: a war room seeded through the real services and
 * pipeline (an influencer complaint fires a real alert and incident, the team acknowledges,
 * annotates and replies), exported by incident, imported into a second, separate data folder as a
 * read-only workspace; then every way a bundle file can be wrong.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUNDLE_KINDS } from '@shared/contract/bundle-schema';
import { MINUTE_MS } from '@shared/logic/time';
import { BundleService } from '../../../../electron/core/bundles/bundle-service';
import { canonicalSha256 } from '../../../../electron/core/bundles/canonical-json';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import type { Store } from '../../../../electron/core/store/store';
import { countRows, createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';
import {
  CARE_SECRET,
  closeRoomsAfterEach,
  openRoom as open,
  readDoc,
  reseal,
  seed,
  SOURCE_SECRET,
  T0,
  TABLE_OF,
  tableCounts,
  writeDoc,
  type Room,
} from './bundle-harness';

const tempDir = useTempDirs();
closeRoomsAfterEach();
const openRoom = (): Room => open(tempDir());

describe('incident bundles', () => {
  it(
    'export an incident, import it into another Earshot as a read-only workspace with the same counts, and re-export the same checksum',
    { timeout: 60_000 },
    async () => {
      const a = openRoom();
      const { incidentId } = await seed(a);
      // The source failed during the incident, and had been failing since long before it.
      a.store.sourceEvents.add(T0 - 3 * 3_600_000, 'src', 'failed', { error: 'HTTP 503 long ago', consecutiveFailures: 1 });
      a.store.sourceEvents.add(T0 + 2 * MINUTE_MS, 'src', 'failed', { error: 'HTTP 503 during', consecutiveFailures: 7 });
      // The hall wall was pushed to Crisis hours before the incident (after an older push and its release).
      const hour = 3_600_000;
      a.store.record.addWallEvent(T0 - 9 * hour, 'hall', 'takeover', 'operator', JSON.stringify({ kind: 'push-layout', layoutId: 'care' }));
      a.store.record.addWallEvent(T0 - 8 * hour, 'hall', 'release', 'operator', JSON.stringify({ kind: 'resume' }));
      a.store.record.addWallEvent(T0 - 5 * hour, 'hall', 'takeover', 'operator', JSON.stringify({ kind: 'push-layout', layoutId: 'crisis' }));
      const liveBefore = tableCounts(a.store);

      const exported = await a.call('bundles.export', { incidentId });
      expect(exported.fileName).toMatch(/^incident-\d+-\d{8}-\d{4}\.earshot-bundle$/);
      const file = join(a.dir, 'exports', exported.fileName);
      expect(exported.path).toBe(file);
      expect(readFileSync(file).length).toBe(exported.bytes);
      // Exporting reads only.
      expect(tableCounts(a.store)).toEqual(liveBefore);

      // What went in: the incident's minutes, not the drill, not the later chatter; its people and actions.
      const doc = readDoc(file);
      expect(doc.format).toBe('earshot-incident-bundle');
      expect(doc.app).toEqual({ name: 'Earshot', version: '9.9.9-test' });
      const texts = doc.contents.mentions!.map((m) => m.externalId);
      expect(texts).toContain('big-1');
      expect(texts).toContain('calm-1');
      expect(texts).not.toContain('drill-1');
      expect(texts).not.toContain('late-1');
      expect(exported.counts.mentions).toBe(texts.length);
      expect(exported.counts.alerts).toBeGreaterThanOrEqual(1);
      expect(exported.counts.alertEvents).toBeGreaterThanOrEqual(2); // opened, acknowledged
      expect(exported.counts.annotations).toBe(2);
      expect(exported.counts.careReplies).toBe(1);
      expect(exported.counts.careEvents).toBeGreaterThan(0);
      // The incident's own wall event, and the hall's push since its last resume (not the one before).
      expect(doc.contents.wallEvents!.map((w) => [w.displayId, w.action])).toEqual([
        ['monitor-1', 'takeover'],
        ['hall', 'release'],
        ['hall', 'takeover'],
      ]);
      expect(exported.counts.incidents).toBe(1);
      // Each alert as it stood after each change travels with it (bundle version 2).
      expect(doc.version).toBe(2);
      expect(exported.counts.alertVersions).toBe(
        countRows(a.store, 'alert_versions', `alert_id IN (${doc.contents.alerts!.map((x) => Number(x.id)).join(',')})`),
      );
      expect(exported.counts.alertVersions).toBeGreaterThanOrEqual(exported.counts.alertEvents);
      // The source's condition: its events in the period, and the last one before (the state it entered with).
      expect(doc.contents.sourceEvents!.map((e) => e.error)).toEqual(['HTTP 503 long ago', 'HTTP 503 during']);
      expect(doc.contents.authors!.map((x) => x.handle)).toContain('megastar');
      const big = doc.contents.mentions!.find((m) => m.externalId === 'big-1')!;
      expect(big.topicIds).toEqual([expect.any(Number)]);
      const alert = doc.contents.alerts!.find((x) => x.kind === 'influencer-complaint')!;
      expect(alert.explanation).toEqual(expect.any(String));
      expect(alert.acknowledgedBy).toBe('Dana');
      // Secrets never travel: not the reply account's password, not a source's settings.
      const text = gunzipSync(readFileSync(file)).toString('utf8');
      expect(text).not.toContain(CARE_SECRET);
      expect(text).not.toContain(SOURCE_SECRET);
      expect(text).not.toContain('bearerToken');
      expect(doc.contents.careReplies![0]).not.toHaveProperty('accountId');
      expect(doc.checksum).toEqual({ algorithm: 'sha256', value: exported.checksum });

      // A second Earshot, its own data folder.
      const b = openRoom();
      createSource(b.store, 'own');
      b.services.pipeline.ingest('own', [mentionInput('b-1', { text: 'something else entirely', publishedAt: T0 })], null);
      const bBefore = tableCounts(b.store);
      const verified = await b.call('bundles.verify', { path: file });
      expect(verified.checksum).toBe(exported.checksum);
      expect(verified.counts).toEqual(exported.counts);

      const imported = await b.call('bundles.import', { path: file });
      expect(imported.bundle.checksum).toBe(exported.checksum);
      expect(imported.workspace).toMatchObject({
        kind: 'bundle',
        readOnly: true,
        checksum: exported.checksum,
        origin: file,
        mentions: exported.counts.mentions,
      });
      // Nothing in B's live record changed.
      expect(tableCounts(b.store)).toEqual(bBefore);
      expect(b.services.workspaces.list().map((w) => w.id)).toContain(imported.workspace.id);

      // Identical counts per kind, ids kept, rollups rebuilt from the mentions.
      const ws = b.services.workspaces.storeFor(imported.workspace.id);
      for (const kind of BUNDLE_KINDS) expect({ kind, rows: countRows(ws, TABLE_OF[kind]) }).toEqual({ kind, rows: exported.counts[kind] });
      // The alerts' versions are the live ones, row for row (not re-made by the import's triggers).
      const versions = (store: Store): unknown[] =>
        store.db.prepare(`SELECT * FROM alert_versions WHERE alert_id IN (${doc.contents.alerts!.map((x) => Number(x.id)).join(',')}) ORDER BY id`).all();
      expect(versions(ws)).toEqual(versions(a.store));
      expect(countRows(ws, 'mentions', 'id = ?', big.id)).toBe(1);
      expect(ws.db.prepare('SELECT SUM(total) FROM volume_minute').pluck().get()).toBe(exported.counts.mentions);
      // The source's own rollups hold the same per-minute counts for the bundled mentions' minutes (A had no other mentions then).
      expect(ws.volume.range(T0 - MINUTE_MS, T0 + MINUTE_MS)).toEqual(a.store.volume.range(T0 - MINUTE_MS, T0 + MINUTE_MS));
      expect(ws.mentions.countMatching('furious')).toBe(1);
      expect(ws.mentions.count()).toBe(exported.counts.mentions);
      // Topic minutes and trending-term counts as the pipeline built them live (A heard nothing else in those minutes).
      const rowsOf = (store: Store, sql: string): unknown[] => store.db.prepare(sql).all(T0 - MINUTE_MS, T0 + MINUTE_MS);
      for (const sql of [
        'SELECT * FROM volume_topic_minute WHERE minute BETWEEN ? AND ? ORDER BY minute, topic_id',
        'SELECT * FROM term_minute WHERE minute BETWEEN ? AND ? ORDER BY topic_id, minute, term',
      ]) {
        expect(rowsOf(ws, sql).length).toBeGreaterThan(0);
        expect(rowsOf(ws, sql)).toEqual(rowsOf(a.store, sql));
      }
      // Read-only: a change is refused.
      expect(() => ws.db.prepare('DELETE FROM mentions').run()).toThrow(/readonly/i);

      // Replay works on the workspace, and shows what the live war room's record shows at the same moment.
      const at = T0 + 5 * MINUTE_MS;
      const replay = async (room: Room, workspace: string) => ({
        volume: await room.call('review.volume', { workspace, at, minutes: 30, topicId: null }),
        topicsVolume: await room.call('review.topicsVolume', { workspace, at, minutes: 30 }),
        mentions: await room.call('review.mentions', { workspace, at, limit: 50 }),
        alerts: await room.call('review.alertsOpen', { workspace, at }),
        // Between the alert firing and its acknowledgement: rolled back from its history in the bundle.
        alertsBeforeAck: await room.call('review.alertsOpen', { workspace, at: T0 + 90_000 }),
        authors: await room.call('review.authorsTop', { workspace, at, windowMinutes: 30, limit: 10 }),
        trends: await room.call('review.trends', { workspace, at, topicId: null, windowMinutes: 30, limit: 20 }),
        annotations: await room.call('annotations.list', { workspace, from: T0 - 60 * MINUTE_MS, to: at }),
      });
      const seen = await replay(b, imported.workspace.id);
      expect(seen.mentions.mentions.length).toBeGreaterThan(0);
      expect(seen.alerts.alerts.map((x) => x.kind)).toContain('influencer-complaint');
      expect(seen.alerts.alerts.find((x) => x.kind === 'influencer-complaint')!.acknowledgedBy).toBe('Dana');
      expect(seen.alertsBeforeAck.alerts.find((x) => x.kind === 'influencer-complaint')!.acknowledgedBy).toBeNull();
      expect(seen).toEqual(await replay(a, 'live'));
      // Sources travel without their settings, and the replay still reads what each delivered.
      const sources = (await b.call('review.sources', { workspace: imported.workspace.id, at })).sources;
      expect(sources.map((x) => x.id)).toEqual(['src']);
      expect(sources[0]!.itemsTotal).toBe((await a.call('review.sources', { workspace: 'live', at })).sources.find((x) => x.id === 'src')!.itemsTotal);
      expect(sources[0]).toMatchObject({ state: 'error', lastError: 'HTTP 503 during', consecutiveFailures: 7 });
      // The hall wall replays as pushed to Crisis, as in the live record.
      const hall = async (room: Room, workspace: string) => (await room.call('review.wallOverride', { workspace, at, displayId: 'hall' })).override;
      expect(await hall(b, imported.workspace.id)).toEqual({ pushedLayoutId: 'crisis', paused: false, blanked: false });
      expect(await hall(b, imported.workspace.id)).toEqual(await hall(a, 'live'));
      const before = (await b.call('review.sources', { workspace: imported.workspace.id, at: T0 })).sources[0]!;
      expect(before).toMatchObject({ state: 'error', lastError: 'HTTP 503 long ago' });
      await expect(
        b.call('annotations.add', { workspace: imported.workspace.id, at, kind: 'note', text: 'x', by: 'Dana', topicId: null, incidentId: null }),
      ).rejects.toThrow(/read-only/);

      // Re-exporting from the imported workspace, at the same moment, gives the same file contents.
      b.clock.now = a.clock.now;
      const again = await b.call('bundles.export', { workspace: imported.workspace.id, incidentId });
      expect(again.checksum).toBe(exported.checksum);
      expect(again.counts).toEqual(exported.counts);
      expect(readFileSync(join(b.dir, 'exports', again.fileName))).toEqual(readFileSync(file));
    },
  );

  it('export a period of one topic', { timeout: 60_000 }, async () => {
    const a = openRoom();
    const { topicId } = await seed(a);
    const r = await a.call('bundles.export', { from: T0 - 10 * MINUTE_MS, to: T0 + 10 * MINUTE_MS, topicId });
    expect(r.fileName).toMatch(/^period-\d{8}-\d{4}\.earshot-bundle$/);
    expect(r.scope).toMatchObject({ incidentId: null, topicId });
    expect(r.scope.title).toMatch(/^Kestrel, /);
    const doc = readDoc(join(a.dir, 'exports', r.fileName));
    const mentions = doc.contents.mentions!;
    expect(mentions.length).toBeGreaterThan(0);
    expect(mentions.every((m) => (m.topicIds as number[]).includes(topicId))).toBe(true);
    expect(mentions.some((m) => String(m.text).startsWith('lovely weather'))).toBe(false);
    // A second export of the same minute does not overwrite the first.
    const r2 = await a.call('bundles.export', { from: T0 - 10 * MINUTE_MS, to: T0 + 10 * MINUTE_MS, topicId });
    expect(r2.fileName).not.toBe(r.fileName);
    await expect(a.call('bundles.export', { incidentId: 999 })).rejects.toThrow(/no incident with id 999/);
  });

  it('open a version-1 bundle (no alert versions): its alerts replay rolled back from their history', { timeout: 60_000 }, async () => {
    const a = openRoom();
    const { incidentId } = await seed(a);
    const exported = await a.call('bundles.export', { incidentId });
    const v1 = readDoc(join(a.dir, 'exports', exported.fileName));
    delete v1.contents.alertVersions;
    const b = openRoom();
    const file = join(b.dir, 'v1.earshot-bundle');
    writeDoc(file, reseal({ ...v1, version: 1 }));
    const imported = await b.call('bundles.import', { path: file });
    expect(imported.bundle.counts.alertVersions).toBe(0);
    const ws = b.services.workspaces.storeFor(imported.workspace.id);
    expect(countRows(ws, 'alert_versions')).toBe(0);
    expect(countRows(ws, 'alerts')).toBe(exported.counts.alerts);
    const open = async (at: number) =>
      (await b.call('review.alertsOpen', { workspace: imported.workspace.id, at })).alerts.find((x) => x.kind === 'influencer-complaint');
    expect((await open(T0 + 90_000))!.acknowledgedBy).toBeNull();
    expect((await open(T0 + 5 * MINUTE_MS))!.acknowledgedBy).toBe('Dana');
  });

  it('refuse a tampered, truncated, foreign, newer, malformed or oversized bundle, clearly, and change nothing', { timeout: 60_000 }, async () => {
    const a = openRoom();
    const { incidentId } = await seed(a);
    const exported = await a.call('bundles.export', { incidentId });
    const file = join(a.dir, 'exports', exported.fileName);
    const b = openRoom();
    const before = tableCounts(b.store);
    const bad = (name: string): string => join(b.dir, name);

    // One character of one mention changed, re-gzipped with the checksum left as it was.
    const doc = readDoc(file);
    const mention = doc.contents.mentions!.find((m) => m.externalId === 'big-1')!;
    mention.text = String(mention.text).replace('furious', 'fnrious');
    writeDoc(bad('tampered.earshot-bundle'), doc);
    const found = canonicalSha256((({ checksum: _c, ...body }) => body)(doc));
    const altered = `the bundle's contents do not match its checksum: it was altered after export (expected ${exported.checksum}, found ${found})`;
    await expect(b.call('bundles.import', { path: bad('tampered.earshot-bundle') })).rejects.toThrow(altered);
    await expect(b.call('bundles.verify', { path: bad('tampered.earshot-bundle') })).rejects.toThrow(altered);

    // Cut off half-way.
    const bytes = readFileSync(file);
    writeFileSync(bad('truncated.earshot-bundle'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(b.call('bundles.import', { path: bad('truncated.earshot-bundle') })).rejects.toThrow(
      /the bundle file is incomplete: its compressed data ends early/,
    );

    // Not gzip at all, and gzip of something that is not a bundle.
    writeFileSync(bad('plain.json'), '{"format":"earshot-incident-bundle"}');
    await expect(b.call('bundles.import', { path: bad('plain.json') })).rejects.toThrow(/not an Earshot incident bundle: the file is not gzip-compressed/);
    writeDoc(bad('layout.earshot-bundle'), reseal({ ...doc, format: 'earshot-wall-layout' }));
    await expect(b.call('bundles.import', { path: bad('layout.earshot-bundle') })).rejects.toThrow(
      /not an Earshot incident bundle: its format is "earshot-wall-layout", expected "earshot-incident-bundle"/,
    );

    // From a newer Earshot (correctly sealed).
    writeDoc(bad('newer.earshot-bundle'), reseal({ ...readDoc(file), version: 3 }));
    await expect(b.call('bundles.import', { path: bad('newer.earshot-bundle') })).rejects.toThrow(
      /written by a newer Earshot \(bundle version 3; this version reads up to 2\)/,
    );
    writeDoc(bad('zero.earshot-bundle'), reseal({ ...readDoc(file), version: 0 }));
    await expect(b.call('bundles.import', { path: bad('zero.earshot-bundle') })).rejects.toThrow(
      /the bundle has version 0, which this Earshot does not read \(it reads 1 and 2\)/,
    );

    // Well sealed but malformed: the error names the JSON path.
    const malformed = readDoc(file);
    malformed.contents.mentions![1]!.sentimentScore = 'very';
    writeDoc(bad('malformed.earshot-bundle'), reseal(malformed));
    await expect(b.call('bundles.import', { path: bad('malformed.earshot-bundle') })).rejects.toThrow(
      /the bundle's document is not valid: contents\.mentions\.1\.sentimentScore: /,
    );

    // Well sealed, well formed, but a row names a topic the bundle does not hold.
    const dangling = readDoc(file);
    dangling.contents.topics = [];
    writeDoc(bad('dangling.earshot-bundle'), reseal(dangling));
    await expect(b.call('bundles.import', { path: bad('dangling.earshot-bundle') })).rejects.toThrow(
      /the bundle's contents could not be stored: .*FOREIGN KEY/,
    );

    // Over the size limits: the file itself, and what it inflates to (a small file of zeros that inflates hugely).
    const limited = (limits: { maxFileBytes: number; maxJsonBytes: number }): BundleService =>
      new BundleService(b.services.workspaces, createMemoryLogger(), () => b.clock.now, { exportsDir: join(b.dir, 'exports'), appVersion: 'x', limits });
    expect(() => limited({ maxFileBytes: 1024, maxJsonBytes: 1024 ** 3 }).import(file)).toThrow(
      /the bundle file is \d+\.\d MB, more than the 0\.0 MB an import accepts/,
    );
    // An export that an import could not read back is refused too.
    const tinyExport = new BundleService(a.services.workspaces, createMemoryLogger(), () => a.clock.now, {
      exportsDir: join(a.dir, 'exports'),
      appVersion: 'x',
      limits: { maxFileBytes: 1024 ** 3, maxJsonBytes: 1024 },
    });
    expect(() => tinyExport.export({ workspace: 'live', incidentId })).toThrow(
      /the bundle would be 0\.\d MB of JSON \(at most 0\.0 MB\), more than an import accepts: export a shorter period or one topic/,
    );
    writeFileSync(bad('bomb.earshot-bundle'), gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }));
    expect(readFileSync(bad('bomb.earshot-bundle')).length).toBeLessThan(100 * 1024);
    expect(() => limited({ maxFileBytes: 1024 ** 2, maxJsonBytes: 1024 ** 2 }).import(bad('bomb.earshot-bundle'))).toThrow(
      /the bundle inflates to more than 1\.0 MB/,
    );
    await expect(b.call('bundles.import', { path: bad('missing.earshot-bundle') })).rejects.toThrow(/no bundle file at/);

    // Nothing was opened, nothing left behind, nothing in the live record changed.
    expect(b.services.workspaces.list().map((w) => w.id)).toEqual(['live']);
    expect(existsSync(b.services.workspaces.root) ? readdirSync(b.services.workspaces.root) : []).toEqual([]);
    expect(tableCounts(b.store)).toEqual(before);
  });
});
