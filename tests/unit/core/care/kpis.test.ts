/**
 * Every care KPI formula on small hand-checked cases, then first-response times of a real sample
 * of brand support threads (Kaggle "Customer Support on Twitter") against values worked out by hand
 * from its reply ids and timestamps.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS } from '@shared/domain/care';
import {
  backlog,
  computeKpis,
  firstResponseMinutes,
  groupFigures,
  inBusinessHours,
  median,
  percentile,
  rankAgents,
  resolutionMinutes,
  resolutionRatio,
  responseBreaches,
  sentimentShift,
  surveyScores,
  type KpiConversation,
} from '@shared/logic/care/kpis';
import { sharedDataFile } from '../../../support/shared-data';

const MIN = 60_000;
/** Wednesday 11 October 2017, 00:00 UTC. */
const WED = Date.UTC(2017, 9, 11);

function conv(patch: Partial<KpiConversation>): KpiConversation {
  return {
    openedAt: WED,
    firstResponseAt: null,
    resolvedAt: null,
    resolution: null,
    sentimentFirst: null,
    sentimentLast: null,
    csat: null,
    nps: null,
    assignee: null,
    teamId: null,
    ...patch,
  };
}

describe('median and p90', () => {
  it('median is the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('p90 is the nearest rank: the smallest value with at least 90% at or below it', () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    // 11 values: rank ceil(9.9) = 10.
    expect(percentile([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90)).toBe(10);
    expect(percentile([5, 1], 90)).toBe(5);
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });
});

describe('business hours', () => {
  it('splits by weekday and hour in the team’s local time', () => {
    const hours = DEFAULT_BUSINESS_HOURS; // Mon–Fri 9–17 UTC
    expect(inBusinessHours(WED + 9 * 60 * MIN, hours)).toBe(true);
    expect(inBusinessHours(WED + 16 * 60 * MIN + 59 * MIN, hours)).toBe(true);
    expect(inBusinessHours(WED + 17 * 60 * MIN, hours)).toBe(false);
    expect(inBusinessHours(WED + 8 * 60 * MIN + 59 * MIN, hours)).toBe(false);
    // Saturday 14 October, noon.
    expect(inBusinessHours(Date.UTC(2017, 9, 14, 12), hours)).toBe(false);
    // 08:30 UTC is 09:30 in CET (UTC+1): inside for a team there.
    expect(inBusinessHours(WED + 8.5 * 60 * MIN, { ...hours, utcOffsetMinutes: 60 })).toBe(true);
    // 23:30 UTC Tuesday is 01:30 Wednesday at UTC+2, outside; 07:30 UTC Wednesday is 09:30 there, inside.
    expect(inBusinessHours(WED - 30 * MIN, { ...hours, utcOffsetMinutes: 120 })).toBe(false);
    expect(inBusinessHours(WED + 7.5 * 60 * MIN, { ...hours, utcOffsetMinutes: 120 })).toBe(true);
  });
});

describe('response and resolution times', () => {
  const cases = [
    conv({ openedAt: WED + 10 * 60 * MIN, firstResponseAt: WED + 10 * 60 * MIN + 30 * MIN, resolvedAt: WED + 12 * 60 * MIN }), // inside: FRT 30, res 120
    conv({ openedAt: WED + 11 * 60 * MIN, firstResponseAt: WED + 11 * 60 * MIN + 90 * MIN }), // inside: FRT 90, open
    conv({ openedAt: WED + 20 * 60 * MIN, firstResponseAt: WED + 20 * 60 * MIN + 10 * MIN, resolvedAt: WED + 21 * 60 * MIN }), // outside: FRT 10, res 60
    conv({ openedAt: WED + 22 * 60 * MIN }), // outside, unanswered
  ];

  it('first response = first reply − first post, answered conversations only', () => {
    expect(firstResponseMinutes(cases)).toEqual([30, 90, 10]);
    expect(resolutionMinutes(cases)).toEqual([120, 60]);
  });

  it('computeKpis splits inside and outside business hours', () => {
    const k = computeKpis(cases, { asOf: WED + 24 * 60 * MIN, businessHours: DEFAULT_BUSINESS_HOURS });
    expect(k.conversations).toBe(4);
    expect(k.firstResponse.all).toEqual({ count: 3, median: 30, p90: 90 });
    expect(k.firstResponse.inside).toEqual({ count: 2, median: 60, p90: 90 });
    expect(k.firstResponse.outside).toEqual({ count: 1, median: 10, p90: 10 });
    expect(k.resolution.all).toEqual({ count: 2, median: 90, p90: 120 });
    expect(k.resolution.inside.median).toBe(120);
    expect(k.resolution.outside.median).toBe(60);
  });

  it('breaches count late answers and customers already waiting past the target', () => {
    // At midnight: the 90-min answer breached; the unanswered 22:00 post has waited 120 min.
    expect(responseBreaches(cases, WED + 24 * 60 * MIN, 60)).toEqual({ targetMinutes: 60, count: 2, of: 4, rate: 0.5 });
    // At 22:30 the unanswered one has waited only 30 minutes: the target does not apply to it yet.
    expect(responseBreaches(cases, WED + 22.5 * 60 * MIN, 60)).toEqual({ targetMinutes: 60, count: 1, of: 3, rate: 1 / 3 });
    expect(responseBreaches([], WED, 60).rate).toBeNull();
    // A stricter target of 20 minutes catches the 30-minute answer too.
    expect(responseBreaches(cases, WED + 24 * 60 * MIN, 20).count).toBe(3);
  });
});

describe('resolution ratio, sentiment, surveys, backlog', () => {
  it('resolution ratio is public ÷ resolved', () => {
    const r = resolutionRatio([
      conv({ resolvedAt: WED + MIN, resolution: 'public' }),
      conv({ resolvedAt: WED + MIN, resolution: 'public' }),
      conv({ resolvedAt: WED + MIN, resolution: 'private' }),
      conv({}),
    ]);
    expect(r).toEqual({ resolved: 3, public: 2, private: 1, publicShare: 2 / 3 });
    expect(resolutionRatio([conv({})]).publicShare).toBeNull();
  });

  it('sentiment before/after averages first and last customer posts of resolved conversations', () => {
    const s = sentimentShift([
      conv({ resolvedAt: WED + MIN, sentimentFirst: -0.8, sentimentLast: 0.2 }),
      conv({ resolvedAt: WED + MIN, sentimentFirst: -0.4, sentimentLast: 0.6 }),
      conv({ sentimentFirst: -1, sentimentLast: -1 }), // not resolved: left out
      conv({ resolvedAt: WED + MIN, sentimentFirst: null, sentimentLast: 0.5 }), // unknown start: left out
    ]);
    expect(s).toEqual({ count: 2, before: -0.6, after: 0.4, change: 1 });
    expect(sentimentShift([]).change).toBeNull();
  });

  it('the response rate is answered ÷ asked, over questions sent only', () => {
    const s = surveyScores([
      conv({ surveyAskedAt: WED, surveyAnsweredAt: WED + MIN, csat: 5 }),
      conv({ surveyAskedAt: WED }),
      conv({ surveyAskedAt: WED }),
      conv({ csat: 1 }),
    ]);
    expect(s).toMatchObject({ asked: 3, answered: 1, responseRate: 33.3, csatResponses: 2, csat: 50 });
  });

  it('CSAT is the share of 4–5 answers; NPS is promoters minus detractors', () => {
    const s = surveyScores([conv({ csat: 5, nps: 10 }), conv({ csat: 4, nps: 9 }), conv({ csat: 2, nps: 6 }), conv({ csat: 3, nps: 8 }), conv({})]);
    expect(s.csatResponses).toBe(4);
    // Typed-in scores make no response rate: only questions sent count.
    expect(s.responseRate).toBeNull();
    expect(s.csat).toBe(50);
    expect(s.npsResponses).toBe(4);
    // 2 promoters, 1 detractor, 1 passive of 4: 50 − 25.
    expect(s.nps).toBe(25);
    expect(surveyScores([conv({})])).toEqual({ csatResponses: 0, csat: null, npsResponses: 0, nps: null, asked: 0, answered: 0, responseRate: null });
  });

  it('backlog counts what was open at the time, with its age', () => {
    const asOf = WED + 10 * 60 * MIN;
    const b = backlog(
      [
        conv({ openedAt: asOf - 30 * MIN }),
        conv({ openedAt: asOf - 90 * MIN, resolvedAt: asOf + MIN }), // resolved later: still open at asOf
        conv({ openedAt: asOf - 200 * MIN, resolvedAt: asOf - MIN }), // resolved before: not backlog
        conv({ openedAt: asOf + MIN }), // not yet opened
      ],
      asOf,
    );
    expect(b).toEqual({ open: 2, medianAgeMinutes: 60, oldestAgeMinutes: 90 });
  });

  it('backlog of a very large queue does not overflow the stack', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => conv({ openedAt: WED - i * MIN }));
    expect(backlog(many, WED)).toMatchObject({ open: 200_000, oldestAgeMinutes: 199_999 });
  });

  it('per-agent figures and the opt-in leaderboard order', () => {
    const options = { asOf: WED + 24 * 60 * MIN, businessHours: DEFAULT_BUSINESS_HOURS, targetMinutes: 60 };
    const groups = groupFigures(
      [
        conv({ assignee: 'ana', firstResponseAt: WED + 20 * MIN, resolvedAt: WED + 60 * MIN, csat: 5 }),
        conv({ assignee: 'ana', firstResponseAt: WED + 120 * MIN, resolvedAt: WED + 180 * MIN }),
        conv({ assignee: 'bo', firstResponseAt: WED + 5 * MIN, resolvedAt: WED + 10 * MIN }),
        conv({ assignee: null, firstResponseAt: WED + 1 * MIN }),
      ],
      (c) => c.assignee,
      options,
    );
    const ana = groups.find((g) => g.key === 'ana')!;
    expect(ana).toEqual({ key: 'ana', conversations: 2, resolved: 2, firstResponseMedian: 70, resolutionMedian: 120, breaches: 1, csat: 100 });
    expect(groups.map((g) => g.key).sort()).toEqual(['ana', 'bo']);
    expect(rankAgents(groups).map((g) => g.key)).toEqual(['ana', 'bo']);
  });
});

describe('the customer-support sample (real brand support threads)', () => {
  const data = sharedDataFile('customer-support-sample.csv');

  it.runIf(data.available)('first-response times from reply ids and timestamps match the hand-checked values', () => {
    const rows = parse(readFileSync(data.path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    const at = (r: Record<string, string>) => Date.parse(r.created_at!);
    // A thread starts with a customer's tweet that answers nothing; the brand's first reply to it
    // is the tweet whose in_response_to_tweet_id names it.
    const threads: KpiConversation[] = [];
    const byStart = new Map<string, number>();
    for (const r of rows) {
      if (r.inbound !== 'True' || r.in_response_to_tweet_id !== '') continue;
      const replies = rows.filter((x) => x.inbound === 'False' && x.in_response_to_tweet_id === r.tweet_id).map(at);
      const first = replies.length > 0 ? Math.min(...replies) : null;
      threads.push(conv({ openedAt: at(r), firstResponseAt: first }));
      if (first !== null) byStart.set(r.tweet_id!, (first - at(r)) / 1000);
    }
    expect(threads).toHaveLength(25);
    // Checked by hand: 119239 at 13:00:09, ChaseSupport answered (119238) at 13:25:49.
    expect(byStart.get('119239')).toBe(25 * 60 + 40);
    // 119256 at 12:53:29, SpotifyCares answered (119254) at 13:41:25.
    expect(byStart.get('119256')).toBe(47 * 60 + 56);
    // 119326 on Tuesday 23:09:08, answered at 00:19:34 on Wednesday.
    expect(byStart.get('119326')).toBe(70 * 60 + 26);
    expect(byStart.size).toBe(22);

    const k = computeKpis(threads, { asOf: Date.UTC(2017, 9, 12), businessHours: DEFAULT_BUSINESS_HOURS, targetMinutes: 60 });
    // 22 answered: sorted, the middle two are 3,997 s and 4,226 s; the 20th is 25,292 s.
    expect(k.firstResponse.all).toEqual({ count: 22, median: 68.5, p90: 421.5 });
    // Inside Mon–Fri 9–17 UTC: 11 threads, median 851 s (14.2 min), p90 the 10th, 3,226 s (53.8 min).
    expect(k.firstResponse.inside).toEqual({ count: 11, median: 14.2, p90: 53.8 });
    expect(k.firstResponse.outside).toEqual({ count: 11, median: 378.9, p90: 423.4 });
    // 12 answers took longer than an hour; the 3 unanswered threads had waited days by the 12th.
    expect(k.breaches).toMatchObject({ count: 15, of: 25 });
  });
});
