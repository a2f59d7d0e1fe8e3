/**
 * The operator's override as a fold over recorded commands: the rule the live core applies and
 * the one a replay uses are the same function, and wall commands become one marker per command.
 */
import { describe, expect, it } from 'vitest';
import { NO_OVERRIDE, type DisplayCommand } from '@shared/contract/wall-schema';
import { applyCommand, overrideAt, recordedCommand, wallEventAction } from '@shared/logic/walls/override-at';
import { wallCommandLabel, wallMarkers } from '@shared/logic/walls/wall-markers';

const T = 1_800_000_000_000;
const recorded = (command: DisplayCommand) => ({ detail: JSON.stringify(command) });
const push = (layoutId: string): DisplayCommand => ({ kind: 'push-layout', layoutId });

describe('overrideAt', () => {
  it('is no override before any command', () => {
    expect(overrideAt([])).toEqual(NO_OVERRIDE);
  });

  it('folds push, blank, pause and resume as the live core applies them', () => {
    const steps: DisplayCommand[] = [
      push('crisis'),
      { kind: 'blank' },
      { kind: 'pause' },
      push('care'),
      { kind: 'unpause' },
      { kind: 'resume' },
      { kind: 'pause' },
    ];
    const expected = [
      { pushedLayoutId: 'crisis', paused: false, blanked: false },
      { pushedLayoutId: 'crisis', paused: false, blanked: true },
      { pushedLayoutId: 'crisis', paused: true, blanked: true },
      // Pushing a layout shows it: it lifts a blank, keeps a pause.
      { pushedLayoutId: 'care', paused: true, blanked: false },
      { pushedLayoutId: 'care', paused: false, blanked: false },
      NO_OVERRIDE,
      { pushedLayoutId: null, paused: true, blanked: false },
    ];
    let live = NO_OVERRIDE;
    steps.forEach((command, i) => {
      live = applyCommand(live, command);
      expect(overrideAt(steps.slice(0, i + 1).map(recorded))).toEqual(expected[i]);
      expect(overrideAt(steps.slice(0, i + 1).map(recorded))).toEqual(live);
    });
  });

  it('skips details that are not a command (untrusted bundles, older records)', () => {
    const events = [
      recorded(push('crisis')),
      { detail: 'not json' },
      { detail: '{"kind":"explode"}' },
      { detail: '{"kind":"push-layout","layoutId":"<b>x</b>"}' },
      recorded({ kind: 'blank' }),
    ];
    expect(overrideAt(events)).toEqual({ pushedLayoutId: 'crisis', paused: false, blanked: true });
    expect(recordedCommand({ detail: '{"kind":"blank","extra":1}' })).toBeNull();
  });

  it('names the recorded action as the wall_events log always has', () => {
    expect([push('x'), { kind: 'resume' }, { kind: 'blank' }].map((c) => wallEventAction(c as DisplayCommand))).toEqual(['takeover', 'release', 'blank']);
  });
});

describe('wallMarkers', () => {
  const name = (id: string) => (id === 'crisis' ? 'Crisis' : id);

  it('makes one marker per command, naming every display it went to', () => {
    const pushed = JSON.stringify(push('crisis'));
    const markers = wallMarkers(
      [
        { id: 7, at: T, displayId: 'lobby', detail: pushed },
        { id: 8, at: T, displayId: 'main', detail: pushed },
        { id: 9, at: T + 1_000, displayId: 'lobby', detail: JSON.stringify({ kind: 'blank' }) },
        // Same command at another moment: another marker.
        { id: 10, at: T + 2_000, displayId: 'main', detail: pushed },
        { id: 11, at: T + 3_000, displayId: 'main', detail: 'garbage' },
      ],
      name,
    );
    expect(markers).toEqual([
      { at: T, kind: 'wall', id: 7, label: 'Walls: Crisis layout pushed to lobby, main', severity: null },
      { at: T + 1_000, kind: 'wall', id: 9, label: 'Walls: lobby blanked', severity: null },
      { at: T + 2_000, kind: 'wall', id: 10, label: 'Walls: Crisis layout pushed to main', severity: null },
    ]);
  });

  it('keeps labels short for many displays', () => {
    expect(wallCommandLabel({ kind: 'resume' }, ['a', 'b', 'c', 'd', 'e'], name)).toBe('Walls: a, b, c +2 more resumed their own pages');
    expect(wallCommandLabel(push('crisis'), ['x'.repeat(40), 'y'.repeat(40), 'z'.repeat(40)], name).length).toBeLessThanOrEqual(120);
  });
});
