/**
 * The war room as it was at a moment `at`: the same answers the live calls gave then, computed
 * from the record. The rule: at `at` the war room had seen exactly the mentions with
 * `heard_at <= at`; windows are the live calls' own (see core-, listening-, understanding- and
 * care-handlers). Rollup tables cannot tell when a mention was heard, so these read the mentions.
 */
import type { Alert, AlertAction } from '@shared/domain/alert';
import type { Mention } from '@shared/domain/mention';
import type { SourceHealth } from '@shared/domain/source';
import type { TopicMinuteBucket } from '@shared/domain/topic';
import type { TrendingTerm } from '@shared/domain/trends';
import type { MinuteBucket, TopAuthor } from '@shared/domain/volume';
import { computeKpis, groupFigures, rankAgents, type KpiConversation } from '@shared/logic/care/kpis';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { fillMinuteWindow } from '@shared/logic/volume';
import { sourceConditionAt } from '@shared/logic/sources/condition-at';
import type { Logger } from '../base/logger';
import type { KpiResult } from '../care/care-kpis';
import { readCareSettings } from '../care/settings';
import { assignmentsAt } from './care-as-of';
import { RATE_WINDOW_MS } from '../scheduler/scheduler';
import type { AlertRowAsOf } from '../store/queries/record';
import { toAlert } from '../store/queries/alerts';
import type { Store } from '../store/store';
import { extractTerms } from '../understanding/terms';
import { ALL_TOPICS, readableTrends } from '../understanding/trends';
import { BASELINE_FACTOR } from '../understanding/service';

/** `volume.recent` at `at`: minute buckets of [floor(at) − (minutes − 1) min, at], zeros filled. */
export function volumeAt(store: Store, at: number, minutes: number, topicId: number | null = null): MinuteBucket[] {
  const from = floorToMinute(at) - (minutes - 1) * MINUTE_MS;
  return fillMinuteWindow(store.record.volumeAsOf(from, floorToMinute(at) + MINUTE_MS, at, topicId), at, minutes);
}

/** `topics.volume` at `at`: per-topic buckets present in the same window (absent minutes are absent, as live). */
export function topicsVolumeAt(store: Store, at: number, minutes: number): TopicMinuteBucket[] {
  return store.record.topicsVolumeAsOf(floorToMinute(at) - (minutes - 1) * MINUTE_MS, floorToMinute(at) + MINUTE_MS, at);
}

/** `mentions.recent` at `at`. */
export function mentionsAt(store: Store, at: number, limit: number): Mention[] {
  return store.record.mentionsAsOf(at, limit);
}

/** `authors.top` at `at`. */
export function authorsTopAt(store: Store, at: number, windowMinutes: number, limit: number): TopAuthor[] {
  return store.record.authorsAsOf(at - windowMinutes * MINUTE_MS, at, at, limit);
}

/**
 * `trends.terms` at `at`: the same scoring over the terms of mentions heard by `at`. For all
 * topics, the per-minute term counts hold every stored mention, so the terms of those in the
 * windows heard only after `at` (late arrivals, or the rest of `at`'s own minute) are taken back out.
 */
export function trendsAt(store: Store, at: number, topicId: number | null, windowMinutes: number, limit: number): TrendingTerm[] {
  const baselineMinutes = windowMinutes * BASELINE_FACTOR;
  const end = floorToMinute(at) + MINUTE_MS;
  const windowStart = end - windowMinutes * MINUTE_MS;
  const baselineStart = windowStart - baselineMinutes * MINUTE_MS;
  if (topicId !== null || !store.record.hasRollups().terms) {
    // One topic's terms, or a record without term rollups (an incident bundle): count the terms of
    // the mentions themselves, with today's topic tags (a topic created or edited later has no
    // per-minute counts for the history it re-tagged), as `review.volume` does.
    const window = new Map<string, number>();
    const baseline = new Map<string, number>();
    for (const m of store.record.heardBy(baselineStart, end, at, topicId)) {
      const into = m.publishedAt >= windowStart ? window : baseline;
      for (const term of extractTerms(m.text)) into.set(term, (into.get(term) ?? 0) + 1);
    }
    return readableTrends(store, topicId, window, baseline, { windowMinutes, baselineMinutes, limit, windowStart, end, heardBy: at });
  }
  const window = store.understanding.termCounts(ALL_TOPICS, windowStart, end);
  const baseline = store.understanding.termCounts(ALL_TOPICS, baselineStart, windowStart);
  for (const m of store.record.heardLater(baselineStart, end, at)) {
    const from = m.publishedAt >= windowStart ? window : baseline;
    for (const term of extractTerms(m.text)) {
      const left = (from.get(term) ?? 0) - 1;
      if (left > 0) from.set(term, left);
      else from.delete(term);
    }
  }
  return readableTrends(store, null, window, baseline, { windowMinutes, baselineMinutes, limit, windowStart, end, heardBy: at });
}

/**
 * `alerts.open` at `at`: alerts opened by then and not resolved by then, newest first, each as it
 * stood at `at` (its recorded version; for alerts from before versions were kept, the stored row
 * with its acknowledgement, snooze, assignee and resolution rolled back from its history).
 */
export function alertsOpenAt(store: Store, at: number): Alert[] {
  const rows = store.record.alertsAsOf(at);
  const unversioned = rows.filter((r) => r.version === null).map((r) => r.id);
  const events = new Map<number, Array<{ at: number; action: string; detail: string }>>();
  for (const e of unversioned.length > 0 ? store.record.alertEventsUpTo(at, unversioned) : []) {
    let list = events.get(e.alertId);
    if (!list) events.set(e.alertId, (list = []));
    list.push(e);
  }
  const out: AlertRowAsOf[] = [];
  for (const { version, ...current } of rows) {
    // The opening never changes, so the stored row's holds at any moment after it.
    const row =
      version !== null ? { ...(JSON.parse(version) as AlertRowAsOf), opening: current.opening ?? null } : rollBack(current, events.get(current.id) ?? [], at);
    if (row.resolved_at !== null && row.resolved_at <= at) continue;
    const acked = row.acknowledged_at !== null && row.acknowledged_at <= at;
    out.push({
      ...row,
      resolved_at: null,
      resolved_by: null,
      acknowledged_at: acked ? row.acknowledged_at : null,
      acknowledged_by: acked ? row.acknowledged_by : null,
    });
  }
  out.sort((a, b) => b.opened_at - a.opened_at || b.id - a.id);
  return out.map(toAlert);
}

function rollBack(row: AlertRowAsOf, history: ReadonlyArray<{ at: number; action: string; detail: string }>, at: number): AlertRowAsOf {
  let snoozedUntil: number | null = null;
  let assignee: string | null = null;
  for (const e of history) {
    const action = e.action as AlertAction;
    if (action === 'snoozed') {
      const until = Date.parse(e.detail.replace(/^until /, ''));
      snoozedUntil = Number.isFinite(until) ? until : row.snoozed_until;
    } else if (action === 'reopened' || action === 'resolved') snoozedUntil = null;
    else if (action === 'assigned') assignee = e.detail === 'unassigned' ? null : e.detail.replace(/^to /, '');
  }
  const acked = row.acknowledged_at !== null && row.acknowledged_at <= at;
  return {
    ...row,
    acknowledged_at: acked ? row.acknowledged_at : null,
    acknowledged_by: acked ? row.acknowledged_by : null,
    snoozed_until: snoozedUntil,
    assignee,
  };
}

/**
 * `sources.list` at `at`, as far as the record tells: what each source had delivered by then, and
 * its recorded condition (failing, rate-limited, paused, finished: `source_events`). Poll times are
 * not recorded: the last success is the last delivery. A source with no recorded condition is `ok`
 * once it had delivered, else `idle`.
 */
export function sourcesAt(store: Store, at: number): SourceHealth[] {
  const delivered = new Map(store.record.sourcesAsOf(at, at - RATE_WINDOW_MS).map((s) => [s.sourceId, s]));
  const events = store.sourceEvents.forMoment(at);
  return store.sources
    .list()
    .filter((s) => s.createdAt <= at || delivered.has(s.id))
    .map((s) => {
      const d = delivered.get(s.id);
      // Failures, rate limits and pauses are recorded (source_events); polls that went well are not.
      const condition = sourceConditionAt(events.get(s.id) ?? [], at, s.enabled);
      return {
        id: s.id,
        name: s.name,
        kind: s.kind,
        enabled: condition.enabled,
        state: condition.state ?? (d ? 'ok' : 'idle'),
        intervalMs: s.intervalMs,
        lastPollAt: null,
        // A delivery is a poll that succeeded: without it a replayed wall would call every source "starting".
        lastSuccessAt: d?.lastHeard ?? null,
        lastDeliveryAt: d?.lastHeard ?? null,
        lastError: condition.lastError,
        lastErrorAt: condition.lastErrorAt,
        consecutiveFailures: condition.consecutiveFailures,
        nextPollAt: null,
        itemsTotal: d?.items ?? 0,
        itemsSkipped: 0,
        itemsPerMinute: d ? Math.round((d.recent / (RATE_WINDOW_MS / MINUTE_MS)) * 10) / 10 : 0,
        newestPublishedAt: d?.newestPublished ?? null,
        lagMs: d ? at - d.newestPublished : null,
        rateLimitedUntil: condition.rateLimitedUntil,
      } satisfies SourceHealth;
    });
}

/**
 * `care.kpis` over [at − hours, at) as it stood at `at`: conversations opened before `at` (drills
 * left out), with first responses, resolutions and surveys that came later rolled back, and the
 * last sentiment that of the newest post heard by then. Assignee and team are today's values
 * (they are not versioned).
 */
export function careKpisAt(store: Store, logger: Logger, at: number, hours: number): KpiResult {
  const from = at - hours * 3_600_000;
  const settings = readCareSettings({ store, logger });
  const options = { asOf: at, businessHours: settings.businessHours, targetMinutes: settings.responseTargetMinutes };
  const records: KpiConversation[] = [];
  const rows = store.record.careAsOf(at);
  const todayAssignee = new Map(rows.map((c) => [c.id, c.assignee]));
  const held = assignmentsAt(store, at, (id) => todayAssignee.get(id) ?? null);
  for (const c of rows) {
    const resolved = c.last_kind === 'resolved';
    if (c.opened_at < from && resolved) continue;
    records.push({
      openedAt: c.opened_at,
      firstResponseAt: c.first_response_at !== null && c.first_response_at <= at ? c.first_response_at : null,
      resolvedAt: resolved ? c.last_at : null,
      resolution: resolved ? (c.resolution as KpiConversation['resolution']) : null,
      sentimentFirst: c.sentiment_first,
      sentimentLast: c.sentiment_last_as_of ?? c.sentiment_last,
      csat: c.surveyed ? c.csat : null,
      nps: c.surveyed ? c.nps : null,
      // Who held it then, from the history (not today's holder).
      assignee: held.get(c.id)?.assignee ?? null,
      teamId: held.get(c.id)?.teamId ?? null,
    });
  }
  const teamNames = new Map(store.care.teams().map((t) => [t.id, t.name]));
  const perAgent = groupFigures(records, (c) => c.assignee, options);
  return {
    ...computeKpis(records, options),
    perAgent: settings.leaderboard ? rankAgents(perAgent) : perAgent.sort((a, b) => a.key.localeCompare(b.key)),
    perTeam: groupFigures(records, (c) => (c.teamId === null ? null : (teamNames.get(c.teamId) ?? `team ${c.teamId}`)), options),
    leaderboard: settings.leaderboard,
    waitingNow: waitingAt(records, at, settings.responseTargetMinutes),
    from,
    to: at,
  };
}

/** Customers still unanswered at `at` (as of then: a first post with no response and no resolve yet), and how many past the target. */
function waitingAt(records: readonly KpiConversation[], at: number, targetMinutes: number): KpiResult['waitingNow'] {
  const waiting = records.filter((c) => c.firstResponseAt === null && c.resolvedAt === null);
  const late = waiting.filter((c) => at - c.openedAt > targetMinutes * 60_000);
  const oldest = late.reduce<number | null>((m, c) => (m === null || c.openedAt < m ? c.openedAt : m), null);
  return { waiting: waiting.length, overTarget: late.length, longestMinutes: oldest === null ? null : Math.floor((at - oldest) / 60_000), targetMinutes };
}
