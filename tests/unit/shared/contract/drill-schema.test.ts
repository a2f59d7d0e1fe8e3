/** Scenario documents: every problem named by its JSON path; generation deterministic from the seed. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDrillScenario, parseDrillScenarioText } from '@shared/contract/drill-schema';
import { scenarioTotal, waveCount, waveMentions } from '@shared/logic/drills/generate';
import { judgeTargets } from '@shared/logic/drills/report';
import { testScenario } from '../../core/drills/drill-fixtures';

describe('drill scenario schema', () => {
  it('accepts a valid document and fills defaults', () => {
    const parsed = parseDrillScenario(testScenario());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.brand).toBe('Kestrel Mobile');
    expect(parsed.scenario.waves[0]!.templates.positive).toEqual([]);
  });

  it('names each problem by its JSON path', () => {
    const doc = testScenario() as unknown as Record<string, unknown>;
    const waves = doc.waves as Record<string, unknown>[];
    waves[0] = { ...waves[0], rate: { start: -1, end: 10 }, platforms: ['myspace'], sentiment: { negative: 0, neutral: 0, positive: 1 } };
    const parsed = parseDrillScenario({ ...doc, version: 2, id: 'Bad Id', surprise: true });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['version', 'id', 'waves[0].rate.start', 'waves[0].platforms[0]']));
    expect(parsed.errors.some((e) => e.path === '(document)' && /surprise/.test(e.message))).toBe(true);
  });

  it('checks what depends on other fields: templates per tone, waves inside the drill', () => {
    const doc = testScenario({ durationMinutes: 5 });
    const parsed = parseDrillScenario({ ...doc, waves: [{ ...doc.waves[0]!, sentiment: { negative: 1, neutral: 0, positive: 2 } }] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        { path: 'waves[0].templates.positive', message: 'positive has weight 2 but no templates' },
        expect.objectContaining({ path: 'waves[0].durationMinutes' }),
      ]),
    );
  });

  it('reports broken JSON at the document', () => {
    const parsed = parseDrillScenarioText('{"version": 1,');
    expect(parsed).toMatchObject({ ok: false, errors: [{ path: '(document)' }] });
    if (!parsed.ok) expect(parsed.errors[0]!.message).toMatch(/not valid JSON/);
  });

  it('the built-in scenarios are valid', () => {
    const dir = join(__dirname, '../../../../resources/drills');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['bot-burst.json', 'hashtag-hijack.json', 'influencer-complaint.json', 'outage-wave.json', 'safety-rumour.json']);
    for (const f of files) {
      const parsed = parseDrillScenarioText(readFileSync(join(dir, f), 'utf8'));
      expect(parsed.ok ? [] : parsed.errors, f).toEqual([]);
      if (parsed.ok) expect(`${parsed.scenario.id}.json`).toBe(f);
    }
  });
});

describe('waveMentions', () => {
  const parsed = parseDrillScenario(testScenario());
  if (!parsed.ok) throw new Error('test scenario invalid');
  const scenario = parsed.scenario;
  const end = scenario.durationMinutes * 60_000 + 1;

  it('is deterministic from the seed and independent of how the time is sliced', () => {
    const whole = waveMentions(scenario, 42, 0, end);
    expect(waveMentions(scenario, 42, 0, end)).toEqual(whole);
    const sliced = [];
    for (let from = 0; from < end; from += 7_777) sliced.push(...waveMentions(scenario, 42, from, Math.min(end, from + 7_777)));
    expect(sliced).toEqual(whole);
    const other = waveMentions(scenario, 43, 0, end);
    expect(other.map((m) => m.text)).not.toEqual(whole.map((m) => m.text));
    // Times come from the rate ramp alone, so a different seed keeps them.
    expect(other.map((m) => m.offsetMs)).toEqual(whole.map((m) => m.offsetMs));
  });

  it('follows the rate ramp: (2 + 10) / 2 × 10 minutes = 60 posts, more of them late than early', () => {
    const wave = scenario.waves[0]!;
    expect(waveCount(wave)).toBe(60);
    expect(scenarioTotal(scenario)).toBe(61);
    const all = waveMentions(scenario, 7, 0, end);
    expect(all).toHaveLength(61);
    const firstHalf = all.filter((m) => m.wave === 0 && m.offsetMs < 5 * 60_000).length;
    // Integral of the ramp over the first 5 minutes: 2·5 + 8·25/20 = 20.
    expect(firstHalf).toBe(20);
    expect(all.every((m, i) => i === 0 || all[i - 1]!.offsetMs <= m.offsetMs)).toBe(true);
  });

  it('fills templates, uses the authors and chains replies to earlier posts', () => {
    const all = waveMentions(scenario, 99, 0, end);
    expect(all.every((m) => !/\{(term|brand|handle|n)\}/.test(m.text))).toBe(true);
    expect(all.some((m) => m.text.includes('Kestrel Mobile'))).toBe(true);
    const handles = new Set(all.map((m) => m.authorHandle));
    expect([...handles].every((h) => h === 'known_critic' || h === 'big_voice' || /^crowd_\d+$/.test(h))).toBe(true);
    const crowdFollowers = all.filter((m) => m.authorHandle.startsWith('crowd_')).map((m) => m.authorFollowers);
    expect(Math.min(...crowdFollowers)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...crowdFollowers)).toBeLessThanOrEqual(5000);
    const ids = new Map(all.map((m) => [m.externalId, m]));
    const replies = all.filter((m) => m.replyTo !== null);
    expect(replies.length).toBeGreaterThan(5);
    for (const r of replies) expect(ids.get(r.replyTo!)!.offsetMs).toBeLessThan(r.offsetMs);
    const influencer = all.find((m) => m.wave === null)!;
    expect(influencer).toMatchObject({
      offsetMs: 120_000,
      authorHandle: 'big_voice',
      authorFollowers: 900_000,
      text: 'Kestrel Mobile is a disgrace, terrible awful outage, furious',
    });
  });
});

describe('judging targets', () => {
  const targets = { ackFirstAlertMinutes: 5, firstResponseMinutes: 4, respondedShare: 0.5 };
  it('met, missed, and not judged when nothing happened', () => {
    const alerts = [{ id: 1, title: 'a', severity: 'warning', firedAfterMs: 60_000, acknowledgedAfterMs: 60_000 + 4 * 60_000, acknowledgedBy: 'ana' }];
    const conversations = [
      { id: 1, author: 'a', platform: 'x', openedAfterMs: 0, firstResponseMs: 3 * 60_000, respondedBy: 'ana', status: 'open' },
      { id: 2, author: 'b', platform: 'x', openedAfterMs: 0, firstResponseMs: 7 * 60_000, respondedBy: 'ana', status: 'open' },
      { id: 3, author: 'c', platform: 'x', openedAfterMs: 0, firstResponseMs: null, respondedBy: null, status: 'open' },
    ];
    const r = judgeTargets(targets, alerts, conversations);
    expect(r.map((t) => [t.key, t.met, t.actual])).toEqual([
      ['ackFirstAlert', true, '4 min'],
      ['firstResponse', false, '5 min'],
      ['respondedShare', true, '67% (2 of 3)'],
    ]);
    expect(judgeTargets(targets, [], []).map((t) => t.met)).toEqual([null, null, null]);
  });
});
