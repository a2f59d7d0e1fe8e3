/** Builds the report model for an incident or a period from one workspace's store. */
import type { ReportTarget } from '@shared/contract/areas/reports';
import { bucketMinutesFor, buildTimeline, rankAuthors, responseFigures, totalsOf } from '@shared/logic/reports/model';
import type { ReportModel, ReportSubject, ReportTerm } from '@shared/logic/reports/types';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import { readCareSettings } from '../care/settings';
import type { Store } from '../store/store';
import { extractTerms } from '../understanding/terms';
import type { StoryView } from '@shared/domain/story';
import { scoreTrends } from '../understanding/trends';

/** Minutes shown before an incident's first alert (the wave that raised it; less when the record starts later) and after its last. */
export const INCIDENT_LEAD_MINUTES = 30;
export const INCIDENT_TAIL_MINUTES = 15;
export const FIRST_MENTIONS = 10;
export const TOP_AUTHORS = 10;
export const TOP_TERMS = 15;
/** Up to this many mentions in a period, its authors are grouped from the mentions rather than found through the author profiles. */
export const GROUP_AUTHORS_UP_TO = 20_000;
/** Mentions read for term counts (the period, and as much again before it for the baseline). */
const TERM_SAMPLE = 20_000;

export interface ResolvedPeriod {
  subject: ReportSubject;
  from: number;
  to: number;
}

/** The period and subject a target names; throws not-found for an unknown incident. */
export function resolvePeriod(store: Store, target: ReportTarget, now: number): ResolvedPeriod {
  const { subject, from, to } = resolveExactPeriod(store, target, now);
  // Whole minutes, the grain of the rollups a report reads (and of its timeline).
  return { subject, from: floorToMinute(from), to: Math.max(floorToMinute(from) + MINUTE_MS, Math.ceil(to / MINUTE_MS) * MINUTE_MS) };
}

function resolveExactPeriod(store: Store, target: ReportTarget, now: number): ResolvedPeriod {
  if (target.incidentId !== null) {
    const incident = store.alerts.incident(target.incidentId);
    if (!incident) throw new ApiError('not-found', `no incident ${target.incidentId} in workspace "${target.workspace}"`);
    const end = incident.resolvedAt ?? incident.lastAt;
    // The lead-up, but not empty minutes from before the record began (a war room started just now).
    const lead = floorToMinute(incident.openedAt) - INCIDENT_LEAD_MINUTES * MINUTE_MS;
    const firstHeard = store.reports.earliestSince(lead);
    const from = target.from ?? (firstHeard === null ? lead : Math.min(floorToMinute(incident.openedAt), Math.max(lead, floorToMinute(firstHeard))));
    let to = target.to ?? floorToMinute(Math.max(end, incident.lastAt)) + (INCIDENT_TAIL_MINUTES + 1) * MINUTE_MS;
    // An incident still open in the live war room: stop at the current minute, not in the future.
    if (target.workspace === 'live' && target.to === null && to > now) to = Math.max(from + MINUTE_MS, floorToMinute(now) + MINUTE_MS);
    const topicId = target.topicId ?? incident.topicId;
    return {
      subject: {
        kind: 'incident',
        incidentId: incident.id,
        title: incident.title,
        severity: incident.severity,
        topicId,
        topicName: topicId === null ? null : store.reports.topicName(topicId),
        workspace: target.workspace,
      },
      from,
      to,
    };
  }
  const from = target.from!;
  const to = target.to!;
  const topicName = target.topicId === null ? null : store.reports.topicName(target.topicId);
  if (target.topicId !== null && topicName === null) throw new ApiError('not-found', `no topic ${target.topicId} in workspace "${target.workspace}"`);
  return {
    subject: {
      kind: 'period',
      incidentId: null,
      title: `Mentions ${new Date(from).toISOString().slice(0, 16).replace('T', ' ')} – ${new Date(to).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      severity: null,
      topicId: target.topicId,
      topicName,
      workspace: target.workspace,
    },
    from,
    to,
  };
}

export function buildReport(store: Store, target: ReportTarget, now: number, logger: Logger): ReportModel {
  const { subject, from, to } = resolvePeriod(store, target, now);
  const topic = subject.topicId;
  const q = store.reports;
  const bucketMinutes = bucketMinutesFor(from, to);
  // Every mention: rollups and indexes (store/queries/reports.ts). One topic: its tagged mentions
  // themselves, since a topic created or edited later re-tags history its minute rollup lacks.
  const counts = topic === null ? q.sentimentCountsAll(from, to) : q.sentimentCounts(from, to, topic, bucketMinutes * MINUTE_MS);
  const timeline = buildTimeline(counts, from, to, bucketMinutes);
  // Few mentions (a short incident): grouping them is cheaper than walking every author profile,
  // since the walk by clout may probe thousands of authors to find fifty who posted.
  const fewMentions = timeline.reduce((n, b) => n + b.total, 0) <= GROUP_AUTHORS_UP_TO;
  const byProfiles = topic === null && !fewMentions;
  const settings = readCareSettings({ store, logger });
  const alerts = subject.incidentId !== null ? q.alertsOfIncident(subject.incidentId) : q.alertsInPeriod(from, to, topic);
  return {
    subject,
    from,
    to,
    generatedAt: now,
    bucketMinutes,
    totals: totalsOf(timeline, byProfiles ? q.authorCountAll(from, to) : q.authorCount(from, to, topic)),
    timeline,
    alerts,
    annotations: q.annotations(from, to, topic, subject.incidentId),
    firstMentions: q.firstMentions(from, to, topic, FIRST_MENTIONS),
    authors: rankAuthors(byProfiles ? q.authorsAll(from, to, TOP_AUTHORS * 5) : q.authors(from, to, topic, TOP_AUTHORS * 5), TOP_AUTHORS),
    terms: topTerms(store, from, to, topic),
    stories: topStories(store, from, to, topic, logger),
    response: responseFigures(q.conversations(from, to, topic), Math.min(to, now), settings.responseTargetMinutes),
    replies: q.replies(from, to, topic),
  };
}

/**
 * Top terms of the period, scored with understanding's trend score against the same-length period
 * just before (so "outage" in an outage ranks above everyday words). Counted from the mentions
 * themselves with understanding's own term extraction, because the per-minute term rollup also
 * counts drill mentions.
 */
function topTerms(store: Store, from: number, to: number, topic: number | null): ReportTerm[] {
  const span = to - from;
  const window = countTerms(store.reports.texts(from, to, topic, TERM_SAMPLE));
  const baseline = countTerms(store.reports.texts(from - span, from, topic, TERM_SAMPLE));
  const minutes = Math.max(1, Math.round(span / MINUTE_MS));
  const scored = scoreTrends(window, baseline, minutes, minutes, TOP_TERMS, 2);
  if (scored.length > 0) return scored;
  // Nothing rose above its baseline: the most frequent terms, plainly.
  return [...window.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_TERMS)
    .map(([term, count]) => ({ term, count, expected: baseline.get(term) ?? 0, score: 0, isNew: !baseline.has(term) }));
}

function countTerms(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const term of extractTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** The period's top stories; a read-only folder from before stories has none (and no table for them). */
function topStories(store: Store, from: number, to: number, topicId: number | null, logger: Logger): StoryView[] {
  try {
    return store.stories.top(topicId, from, to, 5);
  } catch (error) {
    logger.warn('report without stories', { error: String(error) });
    return [];
  }
}
