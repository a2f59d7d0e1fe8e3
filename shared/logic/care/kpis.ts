/**
 * Care KPIs as pure formulas over conversation records. docs/care.md and
 * the inbox's hover texts (`KPI_FORMULAS`) describe exactly what is computed here.
 */
import type { BusinessHours } from '../../domain/care';
import { DEFAULT_RESPONSE_TARGET_MINUTES } from '../../domain/waiting';

const MINUTE = 60_000;

/** What a KPI needs to know about one conversation. Times are epoch ms. */
export interface KpiConversation {
  /** When the customer's first post arrived. */
  openedAt: number;
  /** The first reply (sent, sent by hand, or moved to private) the customer got; null if none yet. */
  firstResponseAt: number | null;
  resolvedAt: number | null;
  /** How it was resolved: answered in public, or taken to a private channel. */
  resolution: 'public' | 'private' | null;
  /** Sentiment score (-1…1) of the customer's first and last post in the conversation. */
  sentimentFirst: number | null;
  sentimentLast: number | null;
  /** Survey answers where the team recorded one: CSAT 1–5, NPS 0–10. */
  csat: number | null;
  nps: number | null;
  /** When a satisfaction question was sent to the customer, and when their answer came back (absent: never asked). */
  surveyAskedAt?: number | null;
  surveyAnsweredAt?: number | null;
  assignee: string | null;
  teamId: number | null;
}

/** The middle value (mean of the two middle values for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Nearest-rank percentile: the smallest value such that at least `p`% of the values are at or
 * below it (p90 of 22 values is the 20th smallest). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p <= 0 || p > 100) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil((p / 100) * s.length) - 1]!;
}

/** Whether `at` falls inside business hours, in the team's local time. */
export function inBusinessHours(at: number, hours: BusinessHours): boolean {
  const local = new Date(at + hours.utcOffsetMinutes * MINUTE);
  if (!hours.days.includes(local.getUTCDay())) return false;
  const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
  return hour >= hours.startHour && hour < hours.endHour;
}

export interface DurationStats {
  count: number;
  /** Minutes. */
  median: number | null;
  p90: number | null;
}

export function durationStats(minutes: readonly number[]): DurationStats {
  return { count: minutes.length, median: round1(median(minutes)), p90: round1(percentile(minutes, 90)) };
}

export interface SplitDurations {
  all: DurationStats;
  /** Conversations opened inside business hours. */
  inside: DurationStats;
  outside: DurationStats;
}

/** First-response times in minutes: first reply minus the customer's first post, answered ones only. */
export function firstResponseMinutes(conversations: readonly KpiConversation[]): number[] {
  return conversations.filter((c) => c.firstResponseAt !== null).map((c) => (c.firstResponseAt! - c.openedAt) / MINUTE);
}

export function resolutionMinutes(conversations: readonly KpiConversation[]): number[] {
  return conversations.filter((c) => c.resolvedAt !== null).map((c) => (c.resolvedAt! - c.openedAt) / MINUTE);
}

/** Conversations opened inside and outside business hours (each classified once). */
function partition(conversations: readonly KpiConversation[], hours: BusinessHours): { inside: KpiConversation[]; outside: KpiConversation[] } {
  const inside: KpiConversation[] = [];
  const outside: KpiConversation[] = [];
  for (const c of conversations) (inBusinessHours(c.openedAt, hours) ? inside : outside).push(c);
  return { inside, outside };
}

function split(
  conversations: readonly KpiConversation[],
  parts: { inside: KpiConversation[]; outside: KpiConversation[] },
  measure: (cs: readonly KpiConversation[]) => number[],
): SplitDurations {
  return { all: durationStats(measure(conversations)), inside: durationStats(measure(parts.inside)), outside: durationStats(measure(parts.outside)) };
}

export interface Breaches {
  targetMinutes: number;
  /** Answered later than the target, or still unanswered and already waiting longer than it at `asOf`. */
  count: number;
  /** Conversations the target applied to (answered, or waiting longer than the target). */
  of: number;
  /** count / of, 0…1; null when nothing applied. */
  rate: number | null;
}

export function responseBreaches(conversations: readonly KpiConversation[], asOf: number, targetMinutes = DEFAULT_RESPONSE_TARGET_MINUTES): Breaches {
  const target = targetMinutes * MINUTE;
  let count = 0;
  let of = 0;
  for (const c of conversations) {
    if (c.firstResponseAt !== null) {
      of += 1;
      if (c.firstResponseAt - c.openedAt > target) count += 1;
    } else if (asOf - c.openedAt > target) {
      of += 1;
      count += 1;
    }
  }
  return { targetMinutes, count, of, rate: of === 0 ? null : count / of };
}

export interface ResolutionRatio {
  resolved: number;
  public: number;
  private: number;
  /** public / resolved, 0…1; null when nothing was resolved. */
  publicShare: number | null;
}

export function resolutionRatio(conversations: readonly KpiConversation[]): ResolutionRatio {
  const resolved = conversations.filter((c) => c.resolvedAt !== null);
  const priv = resolved.filter((c) => c.resolution === 'private').length;
  const pub = resolved.length - priv;
  return { resolved: resolved.length, public: pub, private: priv, publicShare: resolved.length === 0 ? null : pub / resolved.length };
}

export interface SentimentShift {
  /** Resolved conversations with a sentiment score at both ends. */
  count: number;
  /** Mean sentiment score (-1…1) of the customer's first post, and of their last one. */
  before: number | null;
  after: number | null;
  /** after − before. */
  change: number | null;
}

export function sentimentShift(conversations: readonly KpiConversation[]): SentimentShift {
  const both = conversations.filter((c) => c.resolvedAt !== null && c.sentimentFirst !== null && c.sentimentLast !== null);
  if (both.length === 0) return { count: 0, before: null, after: null, change: null };
  const before = both.reduce((s, c) => s + c.sentimentFirst!, 0) / both.length;
  const after = both.reduce((s, c) => s + c.sentimentLast!, 0) / both.length;
  return { count: both.length, before: round3(before), after: round3(after), change: round3(after - before) };
}

export interface SurveyScores {
  csatResponses: number;
  /** Share of CSAT answers of 4 or 5 (of 5), 0…100; null without answers. */
  csat: number | null;
  npsResponses: number;
  /** % promoters (9–10) − % detractors (0–6), −100…100; null without answers. */
  nps: number | null;
  /** Questions sent to customers, and how many of them the customer answered. */
  asked: number;
  answered: number;
  /** answered ÷ asked, 0…100; null when nothing was asked. Typed-in scores are not part of it. */
  responseRate: number | null;
}

export function surveyScores(conversations: readonly KpiConversation[]): SurveyScores {
  const csat = conversations.map((c) => c.csat).filter((v): v is number => v !== null);
  const nps = conversations.map((c) => c.nps).filter((v): v is number => v !== null);
  const satisfied = csat.filter((v) => v >= 4).length;
  const promoters = nps.filter((v) => v >= 9).length;
  const detractors = nps.filter((v) => v <= 6).length;
  const asked = conversations.filter((c) => c.surveyAskedAt != null).length;
  const answered = conversations.filter((c) => c.surveyAskedAt != null && c.surveyAnsweredAt != null).length;
  return {
    csatResponses: csat.length,
    csat: csat.length === 0 ? null : round1((100 * satisfied) / csat.length),
    npsResponses: nps.length,
    nps: nps.length === 0 ? null : round1((100 * (promoters - detractors)) / nps.length),
    asked,
    answered,
    responseRate: asked === 0 ? null : round1((100 * answered) / asked),
  };
}

export interface Backlog {
  /** Conversations not resolved at `asOf`. */
  open: number;
  /** Age (minutes since the customer's first post) of the open conversations. */
  medianAgeMinutes: number | null;
  oldestAgeMinutes: number | null;
}

/**
 * Open conversations no one has touched (no reply, no resolve, no survey or score, no assignee or
 * team), counted by the store instead of read one by one: they only add to the conversation count,
 * the breaches and the backlog. `openedAt` values come newest first, so ages come smallest first.
 */
export interface UntouchedConversations {
  /** Opened before the period's end. */
  count: number;
  /** Of those, waiting longer than the response target at `asOf` (opened before asOf − target). */
  overTarget: number;
  /** Opened at or before `asOf` (the backlog's share), and the earliest of their openings. */
  open: number;
  oldestOpenedAt: number | null;
  /** The openings at or before `asOf`, newest first, from position `offset` (0-based), at most `limit` of them. */
  openedAtNewestFirst(offset: number, limit: number): number[];
}

export function backlog(conversations: readonly KpiConversation[], asOf: number, untouched?: UntouchedConversations): Backlog {
  const ages = conversations.filter((c) => c.openedAt <= asOf && (c.resolvedAt === null || c.resolvedAt > asOf)).map((c) => (asOf - c.openedAt) / MINUTE);
  // reduce, not Math.max(...ages): spreading a very long array overflows the call stack.
  let oldest = ages.length === 0 ? null : ages.reduce((m, a) => (a > m ? a : m), -Infinity);
  if (!untouched || untouched.open === 0) return { open: ages.length, medianAgeMinutes: round1(median(ages)), oldestAgeMinutes: round1(oldest) };
  const untouchedOldest = (asOf - untouched.oldestOpenedAt!) / MINUTE;
  if (oldest === null || untouchedOldest > oldest) oldest = untouchedOldest;
  return { open: ages.length + untouched.open, medianAgeMinutes: round1(mergedMedian(ages, untouched, asOf)), oldestAgeMinutes: round1(oldest) };
}

/**
 * The median of the read ages and the untouched ones without reading all of the latter. The k-th
 * smallest of both lists is preceded by at most `read.length` read ages, so the untouched ages
 * before position k − read.length all come before it: only the untouched ages from there to k can
 * be the k-th, and the k-th of both lists is the (k − start)-th of the read ages and that window.
 */
function mergedMedian(read: readonly number[], untouched: UntouchedConversations, asOf: number): number {
  const n = read.length + untouched.open;
  const lower = Math.floor((n - 1) / 2);
  const upper = Math.floor(n / 2);
  const start = Math.max(0, lower - read.length);
  const window = untouched.openedAtNewestFirst(start, upper - start + 1).map((at) => (asOf - at) / MINUTE);
  const merged = [...read, ...window].sort((a, b) => a - b);
  return (merged[lower - start]! + merged[upper - start]!) / 2;
}

export interface KpiOptions {
  asOf: number;
  businessHours: BusinessHours;
  targetMinutes?: number;
}

export interface KpiFigures {
  conversations: number;
  firstResponse: SplitDurations;
  resolution: SplitDurations;
  breaches: Breaches;
  resolutionRatio: ResolutionRatio;
  sentiment: SentimentShift;
  surveys: SurveyScores;
  backlog: Backlog;
}

/** `untouched`: open conversations counted by the store rather than passed in `conversations` (see UntouchedConversations). */
export function computeKpis(conversations: readonly KpiConversation[], options: KpiOptions, untouched?: UntouchedConversations): KpiFigures {
  const parts = partition(conversations, options.businessHours);
  const breaches = responseBreaches(conversations, options.asOf, options.targetMinutes);
  if (untouched && untouched.overTarget > 0) {
    breaches.count += untouched.overTarget;
    breaches.of += untouched.overTarget;
    breaches.rate = breaches.count / breaches.of;
  }
  return {
    conversations: conversations.length + (untouched?.count ?? 0),
    firstResponse: split(conversations, parts, firstResponseMinutes),
    resolution: split(conversations, parts, resolutionMinutes),
    breaches,
    resolutionRatio: resolutionRatio(conversations),
    sentiment: sentimentShift(conversations),
    surveys: surveyScores(conversations),
    backlog: backlog(conversations, options.asOf, untouched),
  };
}

export interface GroupFigures {
  key: string;
  conversations: number;
  resolved: number;
  firstResponseMedian: number | null;
  resolutionMedian: number | null;
  breaches: number;
  csat: number | null;
}

/** Per agent or per team: the same formulas over each group's conversations; unassigned ones are left out. */
export function groupFigures(conversations: readonly KpiConversation[], keyOf: (c: KpiConversation) => string | null, options: KpiOptions): GroupFigures[] {
  const groups = new Map<string, KpiConversation[]>();
  for (const c of conversations) {
    const key = keyOf(c);
    if (key === null) continue;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(c);
  }
  return [...groups.entries()].map(([key, list]) => ({
    key,
    conversations: list.length,
    resolved: list.filter((c) => c.resolvedAt !== null).length,
    firstResponseMedian: round1(median(firstResponseMinutes(list))),
    resolutionMedian: round1(median(resolutionMinutes(list))),
    breaches: responseBreaches(list, options.asOf, options.targetMinutes).count,
    csat: surveyScores(list).csat,
  }));
}

/** Leaderboard order: most resolved first, then the faster median first response. */
export function rankAgents(groups: readonly GroupFigures[]): GroupFigures[] {
  return [...groups].sort(
    (a, b) => b.resolved - a.resolved || (a.firstResponseMedian ?? Infinity) - (b.firstResponseMedian ?? Infinity) || a.key.localeCompare(b.key),
  );
}

/** One line per figure, shown on hover in the inbox and in docs/care.md. */
export const KPI_FORMULAS = {
  firstResponse:
    'First response: time from the customer’s first post to the first reply sent (or sent by hand, or the move to private). Median = middle value; p90 = nearest rank (smallest value ≥ 90% of values). Inside/outside = whether the first post arrived in business hours.',
  resolution: 'Resolution: time from the customer’s first post to “resolved”. Median and p90 as for first response.',
  breaches:
    'Breaches (conversations that needed a reply): answered later than the target, or unanswered and already waiting longer than it. Rate = breaches ÷ conversations the target applied to.',
  resolutionRatio: 'Resolution ratio: resolved in public ÷ all resolved (the rest were moved to a private channel).',
  sentiment: 'Sentiment before/after: mean score (−1…1) of the customer’s first post and of their last post, over resolved conversations.',
  surveys:
    'CSAT: share of answers 4–5 out of 5. NPS: % promoters (9–10) − % detractors (0–6). Response rate: questions the customer answered ÷ questions sent after a resolve (typed-in scores are not part of it).',
  waitingNow:
    'Waiting now: customers whose post needs a reply and has had no answer, and how many have waited longer than the target. The response-time alert counts the same list with the same rule.',
  backlog: 'Backlog: conversations not resolved; age = time since the customer’s first post (median and oldest).',
} as const;

function round1(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
