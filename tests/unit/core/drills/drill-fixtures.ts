/** A small scenario the drill tests share. */
import type { DrillScenarioInput } from '@shared/contract/drill-schema';

export function testScenario(patch: Partial<DrillScenarioInput> = {}): DrillScenarioInput {
  return {
    version: 1,
    id: 'test-drill',
    name: 'Test drill',
    durationMinutes: 10,
    graceMinutes: 1,
    targets: { ackFirstAlertMinutes: 5, firstResponseMinutes: 5, respondedShare: 0.5 },
    waves: [
      {
        name: 'Ramp',
        startMinute: 0,
        durationMinutes: 10,
        rate: { start: 2, end: 10 },
        platforms: ['x', 'mastodon'],
        authors: {
          named: [{ handle: 'known_critic', followers: 5000, verified: false }],
          crowd: { size: 50, handlePrefix: 'crowd_', followers: { min: 10, max: 5000 } },
        },
        sentiment: { negative: 3, neutral: 1, positive: 0 },
        terms: ['#DrillDown', 'outage'],
        templates: { negative: ['{brand} {term} is terrible, furious', '{term} again, awful service {n}'], neutral: ['is {brand} {term} down for {handle}?'] },
        replyShare: 0.3,
      },
    ],
    influencerPosts: [
      {
        atMinute: 2,
        platform: 'x',
        author: { handle: 'big_voice', name: 'Big Voice', followers: 900_000, verified: true },
        text: '{brand} is a disgrace, terrible awful outage, furious',
      },
    ],
    ...patch,
  };
}
