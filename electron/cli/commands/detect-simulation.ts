/**
 * Replays a file of posts through the live engine in simulated time: the posts keep their own
 * timestamps, a topic is made from the query, the default rules are scoped to it, and the same
 * ingest pipeline and alert service as the app run tick by tick over the whole period. Optionally a
 * calm demo stream runs underneath, so the workspace is not empty apart from the crisis and the
 * query meets ordinary chatter it might match.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '@shared/domain/alert';
import type { AlertRule } from '@shared/domain/alert-rule';
import type { MentionInput } from '@shared/domain/mention';
import { MINUTE_MS } from '@shared/logic/time';
import { RULE_KIND_SPECS } from '@shared/contract/alert-rule-kinds';
import type { Logger } from '../../core/base/logger';
import { buildServices, type CoreServices } from '../../core/app/services';
import { DemoSource } from '../../core/sources/demo/demo-source';
import { openStore } from '../../core/store/store';
import { createOutboundGuard } from '../../core/net/outbound-guard';
import { OutboundPolicy } from '../../core/net/outbound-policy';

/** These adapters read files or generate posts: no request may leave, so nothing is allowed. */
const OFFLINE_GUARD = createOutboundGuard(() => OutboundPolicy.fromLines([]));
const OFFLINE = { fetch: OFFLINE_GUARD.fetch, outbound: OFFLINE_GUARD };

/** Listening on the topic began this long before the file's first post (the trailing baseline's length). */
export const DETECT_WARM_UP_MS = 120 * MINUTE_MS;
/** Simulated time between two evaluations (the app evaluates every 2 s; minute counts change slower). */
export const DETECT_TICK_MS = 15_000;
/** With nothing heard for this long and no background, the clock jumps to the next post. */
const IDLE_JUMP_MS = 2 * 60 * MINUTE_MS;
/** The background demo is polled once a simulated minute. */
const BACKGROUND_POLL_MS = MINUTE_MS;
/** The topic's surge: the moment its 5th post within 5 minutes is heard. */
const SURGE_POSTS = 5;
const SURGE_MS = 5 * MINUTE_MS;

export interface DetectOptions {
  items: readonly MentionInput[];
  query: string;
  topicName: string;
  background: { ratePerMinute: number; seed: number } | null;
  logger: Logger;
  /** Called as each alert opens (in simulated time order). */
  onOpened: (opening: DetectedAlert) => void;
}

export interface DetectedAlert {
  rule: string;
  severity: string;
  topic: string;
  title: string;
  openedAt: string;
  observed: number | null;
  expected: number | null;
}

export interface DetectSummary {
  topic: string;
  query: string;
  from: string;
  to: string;
  filePosts: number;
  stored: number;
  skipped: number;
  backgroundPosts: number;
  topicPosts: number;
  backgroundInTopic: number;
  firstSurgeAt: string | null;
  alerts: number;
  firstAlertAt: string | null;
  firstAlertMinutesAfterSurge: number | null;
  alertsByRule: Record<string, number>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export async function runDetect(options: DetectOptions): Promise<DetectSummary> {
  const items = [...options.items].sort((a, b) => a.publishedAt - b.publishedAt);
  if (items.length === 0) throw new Error('the file holds no usable posts');
  const first = items[0]!.publishedAt;
  const last = items[items.length - 1]!.publishedAt;
  const from = first - DETECT_WARM_UP_MS;
  // A little after the last post, so an alert on the final minutes is still judged.
  const to = last + 10 * MINUTE_MS;
  const dir = mkdtempSync(join(tmpdir(), 'earshot-detect-'));
  let clock = from;
  const store = openStore(dir);
  // A throwaway folder: nothing to keep safe across a power cut, and a commit per tick adds up.
  store.skipDiskSyncs();
  let services: CoreServices | null = null;
  try {
    services = buildServices(store, options.logger, () => clock);
    // Nothing leaves the temporary folder: no webhook deliveries.
    services.alerts.setDispatcher(null);
    store.sources.create({ id: 'file', kind: 'import', name: 'File', config: '{}', enabled: false, intervalMs: 1_000, createdAt: clock });
    if (options.background)
      store.sources.create({
        id: 'background',
        kind: 'demo',
        name: 'Calm background',
        config: '{}',
        enabled: false,
        intervalMs: BACKGROUND_POLL_MS,
        createdAt: clock,
      });
    const topic = services.topics.create({ name: options.topicName, kind: 'other', query: options.query });
    const rules = scopeDefaultRules(services, topic.id);
    const ruleNames = new Map(rules.map((r) => [r.id, r.name]));

    const demo = options.background
      ? new DemoSource('background', { ratePerMinute: options.background.ratePerMinute, episodeEveryMinutes: null, seed: options.background.seed })
      : null;
    let demoCursor: string | null = null;
    let nextPoll = from + BACKGROUND_POLL_MS;
    let next = 0;
    let lastHeard = -Infinity;
    let seenAlertId = 0;
    const summary = { stored: 0, skipped: 0, backgroundPosts: 0, topicPosts: 0, backgroundInTopic: 0 };
    const topicTimes: number[] = [];
    const openings: Array<{ at: number; rule: string }> = [];
    let changed = false;
    services.alerts.onChange(() => {
      changed = true;
    });

    const collect = (): void => {
      if (!changed) return;
      changed = false;
      const fresh = store.alerts
        .recent(200)
        .filter((a) => a.id > seenAlertId)
        .sort((a, b) => a.id - b.id);
      for (const alert of fresh) {
        seenAlertId = Math.max(seenAlertId, alert.id);
        const rule = ruleNames.get(alert.ruleId ?? -1) ?? 'rule';
        openings.push({ at: alert.openedAt, rule });
        options.onOpened(describe(alert, rule, topic.name));
      }
    };

    while (clock < to) {
      if (!demo && next < items.length && clock - lastHeard > IDLE_JUMP_MS && items[next]!.publishedAt - clock > IDLE_JUMP_MS) {
        // Nothing was heard for hours and nothing comes for hours: evaluate once more so open alerts
        // resolve, then jump to just before the next post.
        services.alerts.evaluate([]);
        collect();
        clock = items[next]!.publishedAt - DETECT_TICK_MS;
      }
      clock = Math.min(to, clock + DETECT_TICK_MS);
      const batch: MentionInput[] = [];
      while (next < items.length && items[next]!.publishedAt <= clock) batch.push(items[next++]!);
      if (batch.length > 0) {
        const result = services.pipeline.ingest('file', batch, String(next));
        summary.stored += result.stored.length;
        summary.skipped += result.skipped.length;
        for (const m of result.stored) if (m.topicIds.includes(topic.id)) topicTimes.push(m.publishedAt);
        services.alerts.checkMentions(result.stored);
        lastHeard = clock;
      }
      if (demo && clock >= nextPoll) {
        const polled = await demo.poll({ cursor: demoCursor, now: clock, signal: new AbortController().signal, ...OFFLINE });
        demoCursor = polled.cursor;
        const result = services.pipeline.ingest('background', polled.items, demoCursor);
        summary.backgroundPosts += result.stored.length;
        for (const m of result.stored) {
          if (!m.topicIds.includes(topic.id)) continue;
          summary.backgroundInTopic++;
          topicTimes.push(m.publishedAt);
        }
        services.alerts.checkMentions(result.stored);
        nextPoll = clock + BACKGROUND_POLL_MS;
      }
      services.alerts.evaluate([]);
      collect();
    }

    topicTimes.sort((a, b) => a - b);
    const surge = firstSurge(topicTimes);
    const firstAlert = openings.length === 0 ? null : Math.min(...openings.map((o) => o.at));
    const alertsByRule: Record<string, number> = {};
    for (const o of openings) alertsByRule[o.rule] = (alertsByRule[o.rule] ?? 0) + 1;
    return {
      topic: topic.name,
      query: options.query,
      from: iso(from),
      to: iso(to),
      filePosts: items.length,
      stored: summary.stored,
      skipped: summary.skipped,
      backgroundPosts: summary.backgroundPosts,
      topicPosts: topicTimes.length,
      backgroundInTopic: summary.backgroundInTopic,
      firstSurgeAt: surge === null ? null : iso(surge),
      alerts: openings.length,
      firstAlertAt: firstAlert === null ? null : iso(firstAlert),
      firstAlertMinutesAfterSurge: firstAlert === null || surge === null ? null : Math.round(((firstAlert - surge) / MINUTE_MS) * 10) / 10,
      alertsByRule,
    };
  } finally {
    services?.topics.stop();
    services?.alertDelivery.stop();
    services?.care.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The default rules as a new workspace has them, scoped to the topic (the global copies are
 * switched off, so every alert is the topic's). Rules about sources and care are switched off: a
 * file has no live source, and its customers were never waiting on this team.
 */
function scopeDefaultRules(services: CoreServices, topicId: number): AlertRule[] {
  const scoped: AlertRule[] = [];
  for (const rule of services.alerts.rules()) {
    const { id, createdAt: _c, updatedAt: _u, ...input } = rule;
    services.alerts.saveRule({ ...input, enabled: false }, id);
    if (!rule.enabled || !RULE_KIND_SPECS[rule.params.kind].topicScoped) continue;
    const saved = services.alerts.saveRule({ ...input, topicId }, null);
    if (saved) scoped.push(saved);
  }
  return scoped;
}

function describe(alert: Alert, rule: string, topic: string): DetectedAlert {
  const at = alert.opening ?? null;
  return {
    rule,
    severity: at?.severity ?? alert.severity,
    topic,
    title: alert.title,
    openedAt: iso(alert.openedAt),
    observed: at?.observed ?? alert.explanation?.observed ?? null,
    expected: roundOrNull(at?.expected ?? alert.explanation?.expected ?? null),
  };
}

function roundOrNull(n: number | null): number | null {
  return n === null ? null : Math.round(n * 100) / 100;
}

function firstSurge(times: readonly number[]): number | null {
  for (let i = SURGE_POSTS - 1; i < times.length; i++) if (times[i]! - times[i - SURGE_POSTS + 1]! < SURGE_MS) return times[i]!;
  return null;
}
