/**
 * Walls in replay on real SQLite files: operator commands sent through the contract (the real
 * WallService, a clock the test moves) are read back by `review.wallOverride` as the live display
 * had them at each moment, and show on the timeline as one marker per command — also from a
 * read-only copy of the data folder.
 */
import { describe, expect, it } from 'vitest';
import { NO_OVERRIDE } from '@shared/contract/wall-schema';
import { useTempDirs } from '../../../support/core-helpers';
import { useReviewHarnesses, type ReviewHarness } from './review-harness';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);
const T1 = NOW + 60_000;
const T2 = NOW + 120_000;
const T3 = NOW + 180_000;
const harness = useReviewHarnesses(tempDir, NOW);

/** Push Crisis to lobby and main at T1, blank lobby at T2, resume lobby at T3. */
async function runCommands(h: ReviewHarness): Promise<Record<string, unknown>> {
  const w = h.window();
  const live: Record<string, unknown> = {};
  const liveOverride = async (id: string) => (await w.call('walls.displays.get', { id })).display.override;
  await liveOverride('lobby');
  await liveOverride('main');
  h.clock.now = T1;
  await w.call('walls.displays.command', { ids: ['lobby', 'main'], command: { kind: 'push-layout', layoutId: 'crisis' } });
  live.T1 = await liveOverride('lobby');
  h.clock.now = T2;
  await w.call('walls.displays.command', { ids: ['lobby'], command: { kind: 'blank' } });
  live.T2 = await liveOverride('lobby');
  h.clock.now = T3;
  await w.call('walls.displays.command', { ids: ['lobby'], command: { kind: 'resume' } });
  live.T3 = await liveOverride('lobby');
  live.mainT3 = await liveOverride('main');
  return live;
}

describe('review.wallOverride', () => {
  it('gives a display the override it had at each moment, the same as live showed then', async () => {
    const h = harness();
    const live = await runCommands(h);
    const w = h.window();
    const at = async (t: number, displayId = 'lobby') => (await w.call('review.wallOverride', { at: t, displayId })).override;

    expect(await at(NOW)).toEqual(NO_OVERRIDE);
    expect(await at(T1 - 1)).toEqual(NO_OVERRIDE);
    expect(await at(T1)).toEqual({ pushedLayoutId: 'crisis', paused: false, blanked: false });
    expect(await at(T1 + 30_000)).toEqual(live.T1);
    expect(await at(T2 + 1)).toEqual({ pushedLayoutId: 'crisis', paused: false, blanked: true });
    expect(await at(T2 + 1)).toEqual(live.T2);
    expect(await at(T3 + 1)).toEqual(NO_OVERRIDE);
    expect(await at(T3 + 1)).toEqual(live.T3);
    // The other display was only pushed to: it keeps Crisis after lobby resumed.
    expect(await at(T3 + 1, 'main')).toEqual({ pushedLayoutId: 'crisis', paused: false, blanked: false });
    expect(await at(T3 + 1, 'main')).toEqual(live.mainT3);
    // A display nobody commanded has no override.
    expect(await at(T3 + 1, 'hall')).toEqual(NO_OVERRIDE);

    // Its last events by the moment, newest first, with who and what.
    const { events } = await w.call('review.wallOverride', { at: T2 + 1, displayId: 'lobby' });
    expect(events.map(({ at: t, action, actor, displayId }) => ({ at: t, action, actor, displayId }))).toEqual([
      { at: T2, action: 'blank', actor: 'operator', displayId: 'lobby' },
      { at: T1, action: 'takeover', actor: 'operator', displayId: 'lobby' },
    ]);
    expect(JSON.parse(events[1]!.detail)).toEqual({ kind: 'push-layout', layoutId: 'crisis' });

    // Validated at the boundary.
    await expect(w.call('review.wallOverride', { at: T1, displayId: 'Not An Id' })).rejects.toThrow(/display id/);
  });

  it('puts one marker per command on the timeline, across the displays it went to', async () => {
    const h = harness();
    await runCommands(h);
    const { markers } = await h.window().call('review.timeline', { from: NOW - 60_000, to: T3 + 60_000 });
    expect(markers.filter((m) => m.kind === 'wall').map(({ at, label, severity }) => ({ at, label, severity }))).toEqual([
      { at: T1, label: 'Walls: Crisis layout pushed to lobby, main', severity: null },
      { at: T2, label: 'Walls: lobby blanked', severity: null },
      { at: T3, label: 'Walls: lobby resumed their own pages', severity: null },
    ]);
  });

  it('answers from a read-only copy of the data folder', async () => {
    const theirs = tempDir();
    const them = harness(theirs);
    await runCommands(them);
    them.close();

    const h = harness();
    const w = h.window();
    const { workspace } = await w.call('review.workspaces.openFolder', { path: theirs });
    expect(workspace.readOnly).toBe(true);
    expect((await w.call('review.wallOverride', { workspace: workspace.id, at: T2 + 1, displayId: 'lobby' })).override).toEqual({
      pushedLayoutId: 'crisis',
      paused: false,
      blanked: true,
    });
    // The live record of this room has none of it.
    expect((await w.call('review.wallOverride', { at: T2 + 1, displayId: 'lobby' })).override).toEqual(NO_OVERRIDE);
    const { markers } = await w.call('review.timeline', { workspace: workspace.id, from: NOW, to: T3 });
    expect(markers.filter((m) => m.kind === 'wall')).toHaveLength(3);
  });
});
