/**
 * Two war rooms on real data folders for the bundle tests: the real services and pipeline, a clock
 * the test moves, calls made through the contract's schemas as a window makes them, and a seeded
 * incident (an influencer complaint fires a real alert; the team acknowledges, annotates, replies).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach } from 'vitest';
import type { ApiMethod, ApiParams, ApiResult } from '@shared/contract/api';
import { apiParams } from '@shared/contract/api';
import type { BundleCounts } from '@shared/contract/bundle-schema';
import { MINUTE_MS } from '@shared/logic/time';
import { createHandlers } from '../../../../electron/core/api/handlers';
import { canonicalSha256 } from '../../../../electron/core/bundles/canonical-json';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { BUNDLE_TABLES } from '../../../../electron/core/store/queries/bundles';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { countRows, createSource, mentionInput } from '../../../support/core-helpers';

export const T0 = Date.UTC(2026, 10, 18, 10, 0, 0);
export const CARE_SECRET = 'care-app-password-5f1c9e0b7d';
export const SOURCE_SECRET = 'source-config-token-93ad21c4';

/** The tables a bundle fills, by kind. */
export const TABLE_OF: Record<keyof BundleCounts, string> = BUNDLE_TABLES;
export const LIVE_TABLES = [...Object.values(TABLE_OF), 'mention_topics', 'volume_minute', 'volume_topic_minute', 'term_minute', 'care_conversation_mentions'];

export interface Room {
  dir: string;
  store: Store;
  services: CoreServices;
  clock: { now: number };
  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
}

const rooms: Room[] = [];
/** Call at the top level of a test file: closes the rooms each test opened. */
export function closeRoomsAfterEach(): void {
  afterEach(() => {
    for (const r of rooms.splice(0)) {
      r.services.care.stop();
      r.services.alertDelivery.stop();
      r.services.workspaces.closeAll();
      r.store.close();
    }
  });
}

export function openRoom(dir: string): Room {
  const store = openStore(dir);
  const clock = { now: T0 };
  const services = buildServices(store, createMemoryLogger(), () => clock.now, { webhook: { host: '127.0.0.1', port: 0 }, appVersion: '9.9.9-test' });
  const handlers = createHandlers(services, () => {
    throw new Error('health is not part of these tests');
  });
  const room: Room = {
    dir,
    store,
    services,
    clock,
    // Params go through the contract's schema, as a window's call does.
    call: async (method, params) => {
      const parsed = (apiParams[method] as { parse(v: unknown): unknown }).parse(params);
      return (await (handlers[method] as (p: unknown) => unknown)(parsed)) as ApiResult<typeof method>;
    },
  };
  rooms.push(room);
  return room;
}

export function tableCounts(store: Store): Record<string, number> {
  return Object.fromEntries(LIVE_TABLES.map((t) => [t, countRows(store, t)]));
}

/** A morning at Kestrel: calm, an influencer's complaint, the team's response, a drill, and later chatter. */
export async function seed(room: Room): Promise<{ incidentId: number; topicId: number }> {
  const { services, store, clock } = room;
  createSource(store, 'src');
  createSource(store, 'xapi', { kind: 'x', config: JSON.stringify({ query: 'kestrel', bearerToken: SOURCE_SECRET }) });
  const topic = services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel' });
  services.care.saveAccount({
    id: null,
    platform: 'mastodon',
    name: 'Kestrel care',
    baseUrl: 'https://mastodon.example',
    identifier: 'kestrel',
    secret: CARE_SECRET,
  });
  services.care.saveAgent({ name: 'ana', role: 'agent', teamId: services.care.saveTeam(null, 'Social').id, capacity: 5, active: true });

  const calm = Array.from({ length: 12 }, (_, i) =>
    mentionInput(`calm-${i}`, {
      text: i % 3 === 0 ? `lovely weather today ${i}` : `Kestrel coverage is fine in town ${i}`,
      publishedAt: T0 - 30_000 + i * 1000,
      authorHandle: `fan${i % 4}`,
    }),
  );
  services.pipeline.ingest('src', calm, 'c1');

  clock.now = T0 + MINUTE_MS;
  const complaint = services.pipeline.ingest(
    'src',
    [
      mentionInput('big-1', {
        text: 'Kestrel network has been down all morning, terrible service, worst provider ever, I am furious and cancelling',
        publishedAt: clock.now - 5_000,
        authorHandle: 'megastar',
        authorName: 'Mega Star',
        authorFollowers: 2_500_000,
        authorVerified: true,
        likes: 900,
        reposts: 400,
      }),
      mentionInput('reply-1', { text: 'Kestrel down here too, awful', publishedAt: clock.now - 2_000, authorHandle: 'fan1', replyTo: 'big-1' }),
    ],
    'c2',
  );
  services.alerts.checkMentions(complaint.stored);
  services.alerts.evaluate([]);
  const alert = store.alerts.open().find((a) => a.kind === 'influencer-complaint');
  if (!alert?.incidentId) throw new Error('the influencer complaint raised no alert with an incident');

  clock.now = T0 + 2 * MINUTE_MS;
  services.alerts.acknowledge(alert.id, 'Dana');
  await room.call('annotations.add', {
    at: clock.now,
    kind: 'decision',
    text: 'Statement going out at 10:05',
    by: 'Dana',
    topicId: topic.id,
    incidentId: alert.incidentId,
  });
  await room.call('annotations.add', { at: clock.now + 1000, kind: 'external', text: 'Status page updated', by: 'Dana', topicId: null, incidentId: null });
  store.db.prepare("INSERT INTO wall_events (at, display_id, action, actor, detail) VALUES (?, 'monitor-1', 'takeover', 'Dana', '{}')").run(clock.now);

  clock.now = T0 + 3 * MINUTE_MS;
  const conversation = (await room.call('care.inbox', { filter: {} })).items.find((c) => c.authorHandle === 'megastar');
  if (!conversation) throw new Error('no conversation for the complaint');
  await room.call('care.replies.send', { conversationId: conversation.id, author: 'ana', text: 'So sorry, Mega. Engineers are on it; DM us your number.' });

  // A drill injects into the incident's span: it must not travel.
  clock.now = T0 + 10 * MINUTE_MS;
  services.pipeline.ingest('src', [mentionInput('drill-1', { text: 'Kestrel drill: battery fire rumour', publishedAt: clock.now - 1000 })], 'c3', {
    drillRunId: 77,
  });

  // Much later chatter, outside the incident's span.
  clock.now = T0 + 6 * 60 * MINUTE_MS;
  services.pipeline.ingest('src', [mentionInput('late-1', { text: 'Kestrel new phones look nice', publishedAt: clock.now - 1000 })], 'c4');
  clock.now = T0 + 7 * 60 * MINUTE_MS;
  return { incidentId: alert.incidentId, topicId: topic.id };
}

export function readDoc(path: string): Record<string, unknown> & { contents: Record<string, Array<Record<string, unknown>>> } {
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as ReturnType<typeof readDoc>;
}

export function writeDoc(path: string, doc: unknown): void {
  writeFileSync(path, gzipSync(Buffer.from(JSON.stringify(doc), 'utf8')));
}

/** Re-seals a changed document with a correct checksum (a well-formed file from somewhere else). */
export function reseal(doc: Record<string, unknown>): Record<string, unknown> {
  const { checksum: _c, ...body } = doc;
  return { ...body, checksum: { algorithm: 'sha256', value: canonicalSha256(body) } };
}
