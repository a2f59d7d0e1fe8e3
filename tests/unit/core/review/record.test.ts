/**
 * The record on real SQLite files: annotations (soft delete, pushes, read-only refusal), read-only
 * workspaces (validation, copy, persistence across a restart), retention pruning (what goes, what
 * stays), the record summary and the wall event log.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices } from '../../../../electron/core/app/services';
import { LATEST_VERSION } from '../../../../electron/core/store/migrations';
import { openStore } from '../../../../electron/core/store/store';
import { createSource, countRows, mentionInput, useTempDirs } from '../../../support/core-helpers';
import { useReviewHarnesses } from './review-harness';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);
const DAY = 86_400_000;
const harness = useReviewHarnesses(tempDir, NOW);

/** A small, finished data folder of "another team" with a few mentions. */
function otherFolder(): string {
  const dir = tempDir();
  const store = openStore(dir);
  createSource(store, 'demo');
  const services = buildServices(store, createMemoryLogger(), () => NOW);
  services.pipeline.ingest('demo', [mentionInput('a', { publishedAt: NOW - 5_000 }), mentionInput('b', { publishedAt: NOW - 4_000 })], null);
  services.alertDelivery.stop();
  store.close();
  return dir;
}

describe('annotations', () => {
  it('are added, listed, pushed and soft-deleted with who and when', async () => {
    const h = harness();
    const w = h.window();
    w.subscribe('annotations.changed');
    const { annotation } = await w.call('annotations.add', { at: NOW - 60_000, kind: 'external', text: 'Statement published', by: 'Dana' });
    expect(annotation).toMatchObject({ at: NOW - 60_000, kind: 'external', text: 'Statement published', author: 'Dana', topicId: null, createdAt: NOW });
    await w.call('annotations.add', { at: NOW - 30_000, kind: 'decision', text: 'Escalate to comms', by: 'Lee' });
    expect((await w.call('annotations.list', { from: NOW - DAY, to: NOW })).annotations.map((a) => a.text)).toEqual([
      'Statement published',
      'Escalate to comms',
    ]);
    expect(w.events<{ annotations: unknown[] }>('annotations.changed').map((e) => e.annotations.length)).toEqual([1, 2]);

    h.clock.now += 1_000;
    await w.call('annotations.delete', { id: annotation.id, by: 'Lee' });
    expect((await w.call('annotations.list', { from: NOW - DAY, to: NOW })).annotations.map((a) => a.text)).toEqual(['Escalate to comms']);
    // The row stays, with who deleted it and when.
    expect(h.store.db.prepare('SELECT deleted_at, deleted_by, text FROM annotations WHERE id = ?').get(annotation.id)).toEqual({
      deleted_at: NOW + 1_000,
      deleted_by: 'Lee',
      text: 'Statement published',
    });
    await expect(w.call('annotations.delete', { id: annotation.id, by: 'Lee' })).rejects.toThrow(/no annotation with id/);
    await expect(w.call('annotations.add', { at: NOW, kind: 'note', text: 'x', by: 'Dana', topicId: 999 })).rejects.toThrow(/no topic with id 999/);
    // The timeline carries them as markers.
    const timeline = await w.call('review.timeline', { from: NOW - 10 * 60_000, to: NOW });
    expect(timeline.markers).toEqual([{ at: NOW - 30_000, kind: 'annotation', id: annotation.id + 1, label: 'Escalate to comms', severity: null }]);
    expect(timeline.buckets).toHaveLength(11);
  });
});

describe('workspaces', () => {
  it('refuses what is not another Earshot data folder, naming why', async () => {
    const h = harness();
    const w = h.window();
    await expect(w.call('review.workspaces.openFolder', { path: join(tempDir(), 'missing') })).rejects.toThrow(/is not a folder/);
    await expect(w.call('review.workspaces.openFolder', { path: tempDir() })).rejects.toThrow(/holds no earshot\.db/);
    await expect(w.call('review.workspaces.openFolder', { path: h.services.workspaces.root.replace(/\/workspaces$/, '') })).rejects.toThrow(/own data folder/);
    const newer = tempDir();
    const db = new Database(join(newer, 'earshot.db'));
    db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    db.close();
    await expect(w.call('review.workspaces.openFolder', { path: newer })).rejects.toThrow(
      `written by a newer Earshot (schema ${LATEST_VERSION + 3}; this version knows up to ${LATEST_VERSION})`,
    );
    expect((await w.call('review.workspaces.list', {})).workspaces.map((x) => x.id)).toEqual(['live']);
    await expect(w.call('review.volume', { workspace: 'folder-nope', at: NOW, minutes: 5 })).rejects.toThrow(/no open workspace "folder-nope"/);
  });

  it('copies a folder, opens the copy read-only, keeps it across a restart and removes it on close', async () => {
    const theirs = otherFolder();
    const dir = tempDir();
    const h = harness(dir);
    const w = h.window();
    w.subscribe('review.workspaces.changed');
    const { workspace } = await w.call('review.workspaces.openFolder', { path: theirs });
    expect(workspace).toMatchObject({ kind: 'folder', readOnly: true, origin: theirs, mentions: 2, earliest: NOW, latest: NOW });
    expect(
      w
        .events<{ workspaces: Array<{ id: string }> }>('review.workspaces.changed')
        .at(-1)!
        .workspaces.map((x) => x.id),
    ).toEqual(['live', workspace.id]);
    const copy = join(h.services.workspaces.root, workspace.id, 'earshot.db');
    expect(existsSync(copy)).toBe(true);
    // Nothing can write to it.
    const store = h.services.workspaces.storeFor(workspace.id);
    expect(() => store.db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run()).toThrow(/readonly/);
    expect((await w.call('review.mentions', { workspace: workspace.id, at: NOW, limit: 10 })).mentions.map((m) => m.externalId)).toEqual(['b', 'a']);

    // A restart re-opens it.
    h.close();
    const again = harness(dir);
    again.services.workspaces.restore();
    expect(again.services.workspaces.list().map((x) => x.id)).toEqual(['live', workspace.id]);
    const w2 = again.window();
    await w2.call('review.workspaces.close', { id: workspace.id });
    expect(existsSync(join(again.services.workspaces.root, workspace.id))).toBe(false);
    expect((await w2.call('review.workspaces.list', {})).workspaces.map((x) => x.id)).toEqual(['live']);
    // The original is untouched.
    const orig = new Database(join(theirs, 'earshot.db'), { readonly: true });
    expect(orig.prepare('SELECT COUNT(*) FROM mentions').pluck().get()).toBe(2);
    orig.close();
  });
});

describe('retention', () => {
  it('removes old mentions and what derives from them, in batches, and nothing newer or historical', async () => {
    const h = harness();
    const { services, store } = h;
    createSource(store, 'import-src', { kind: 'import' });
    services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel' });
    const old = Array.from({ length: 2_500 }, (_, i) => mentionInput(`old-${i}`, { publishedAt: NOW - 40 * DAY + i * 1_000, text: `kestrel zebrafish ${i}` }));
    const recent = Array.from({ length: 300 }, (_, i) => mentionInput(`new-${i}`, { publishedAt: NOW - 10 * DAY + i * 1_000, text: `kestrel giraffe ${i}` }));
    services.pipeline.ingest('import-src', [...old, ...recent], null);
    await services.topics.idle();
    await h.window().call('annotations.add', { at: NOW - 40 * DAY, kind: 'note', text: 'old note', by: 'Dana' });
    const cutoff = NOW - 30 * DAY;
    const before = {
      mentions: countRows(store, 'mentions'),
      tags: countRows(store, 'mention_topics'),
      newTags: countRows(store, 'mention_topics', 'mention_id IN (SELECT id FROM mentions WHERE published_at >= ?)', cutoff),
      oldMinutes: countRows(store, 'volume_minute', 'minute < ?', cutoff),
      newMinutes: countRows(store, 'volume_minute', 'minute >= ?', cutoff),
      newTerms: countRows(store, 'term_minute', 'minute >= ?', cutoff),
      newTopicMinutes: countRows(store, 'volume_topic_minute', 'minute >= ?', cutoff),
      careEvents: countRows(store, 'care_events'),
      conversations: countRows(store, 'care_conversations'),
      newLinks: countRows(store, 'care_conversation_mentions', 'mention_id IN (SELECT id FROM mentions WHERE published_at >= ?)', cutoff),
    };
    console.log(`retention fixture: ${JSON.stringify(before)}`);
    expect(before).toMatchObject({ mentions: 2_800, tags: 2_800, newTags: 300 });
    expect(before.oldMinutes).toBeGreaterThan(0);
    expect(store.mentions.countMatching('zebrafish')).toBe(2_500);

    // Keep everything by default.
    expect(services.review.prune()).toEqual({ mentions: 0, rollupRows: 0, before: null });
    const summary = await h.window().call('record.setRetention', { mentionDays: 30, by: 'Dana' });
    expect(summary.retention).toEqual({ mentionDays: 30 });
    const result = services.review.prune();
    expect(result.mentions).toBe(2_500);
    // Every rollup row of the minutes before the cut went (volume, topic volume, terms, emotions).
    expect(result.rollupRows).toBeGreaterThanOrEqual(before.oldMinutes * 2);
    expect(result.before).toBe(cutoff);

    expect(countRows(store, 'mentions')).toBe(300);
    expect(store.mentions.count()).toBe(300);
    expect(countRows(store, 'mentions', 'published_at < ?', cutoff)).toBe(0);
    expect(countRows(store, 'mention_topics')).toBe(300);
    expect(store.mentions.countMatching('zebrafish')).toBe(0);
    expect(store.mentions.countMatching('giraffe')).toBe(300);
    expect(countRows(store, 'volume_minute', 'minute < ?', cutoff)).toBe(0);
    expect(countRows(store, 'volume_minute', 'minute >= ?', cutoff)).toBe(before.newMinutes);
    expect(countRows(store, 'term_minute', 'minute >= ?', cutoff)).toBe(before.newTerms);
    expect(countRows(store, 'volume_topic_minute', 'minute >= ?', cutoff)).toBe(before.newTopicMinutes);
    expect(countRows(store, 'term_minute', 'minute < ?', cutoff)).toBe(0);
    expect(countRows(store, 'annotations')).toBe(1);
    // Care history stays; only the links to removed mentions go.
    expect(countRows(store, 'care_events')).toBe(before.careEvents);
    expect(countRows(store, 'care_conversations')).toBe(before.conversations);
    expect(countRows(store, 'care_conversation_mentions')).toBe(before.newLinks);
    // The database is still sound.
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // FTS5 raises SQLITE_CORRUPT_VTAB when its index disagrees with the mentions it indexes, and
    // keeps one size row per indexed post: both fail if a removed post stayed in the index.
    expect(() => store.db.prepare("INSERT INTO mentions_fts(mentions_fts) VALUES ('integrity-check')").run()).not.toThrow();
    expect(countRows(store, 'mentions_fts_docsize')).toBe(300);
  }, 60_000);

  it('summarises the record: rows and bytes per table, file sizes, span and retention', async () => {
    const h = harness();
    h.services.pipeline.ingest('demo', [mentionInput('a', { publishedAt: NOW - 9_000 }), mentionInput('b', { publishedAt: NOW - 2_000 })], null);
    const summary = await h.window().call('record.summary', {});
    const mentions = summary.tables.find((t) => t.name === 'mentions')!;
    expect(mentions.rows).toBe(2);
    expect(summary.tables.find((t) => t.name === 'annotations')?.rows).toBe(0);
    expect(summary.tables.some((t) => t.name.startsWith('mentions_fts_'))).toBe(false);
    if (mentions.bytes !== null) expect(mentions.bytes).toBeGreaterThan(0);
    expect(summary.databaseBytes).toBeGreaterThan(0);
    expect(summary.oldestMentionAt).toBe(NOW - 9_000);
    expect(summary.newestMentionAt).toBe(NOW - 2_000);
    expect(summary.retention).toEqual({ mentionDays: null });
  });
});

describe('wall events', () => {
  it('records what walls were told to show, by whom and when', async () => {
    const h = harness();
    const w = h.window();
    await w.call('walls.displays.get', { id: 'lobby-tv' });
    await w.call('walls.displays.command', { ids: ['lobby-tv'], command: { kind: 'pause' } });
    h.clock.now += 5_000;
    await w.call('walls.displays.command', { command: { kind: 'resume' } });
    expect(h.store.record.wallEvents(NOW - 1, NOW + 10_000).map(({ at, displayId, action, actor }) => ({ at, displayId, action, actor }))).toEqual([
      { at: NOW, displayId: 'lobby-tv', action: 'pause', actor: 'operator' },
      { at: NOW + 5_000, displayId: 'lobby-tv', action: 'release', actor: 'operator' },
    ]);
  });
});
