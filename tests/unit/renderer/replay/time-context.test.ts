/**
 * The window's time context without a browser: replay links are read and written back exactly,
 * unreadable ones are refused (the window stays live), seeking stays inside the period, the clock
 * shows the replay's moment, and the scrubber's jumps land on the right marker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findMarker } from '../../../../renderer/src/replay/markers';
import {
  currentReplay,
  formatReplayTime,
  hashWithReplay,
  parseReplayTime,
  replayActions,
  replayFromHash,
  replayHash,
  useTimeContext,
} from '../../../../renderer/src/replay/time-context';
import { useClockStore } from '../../../../renderer/src/stores/clock';

const FROM = Date.parse('2015-02-22T12:00:00Z');
const TO = Date.parse('2015-02-23T06:00:00Z');
const AT = Date.parse('2015-02-22T22:30:00Z');

afterEach(() => replayActions.stop());

describe('replay links', () => {
  it('reads ISO and epoch times and refuses the unreadable and the out-of-range', () => {
    expect(parseReplayTime('2015-02-22T22:30:00Z')).toBe(AT);
    expect(parseReplayTime(String(AT))).toBe(AT);
    expect(parseReplayTime('yesterday')).toBeNull();
    expect(parseReplayTime('1800-01-01T00:00:00Z')).toBeNull();
    expect(parseReplayTime('')).toBeNull();
  });

  it('reads a replay from any view’s hash, with the moment clamped into the period and the workspace checked', () => {
    expect(replayFromHash(`#/wall?display=lobby&replay=2015-02-22T12:00:00Z..2015-02-23T06:00:00Z&at=2015-02-22T22:30:00Z&ws=bundle-1`)).toEqual({
      mode: 'replay',
      workspace: 'bundle-1',
      from: FROM,
      to: TO,
      at: AT,
    });
    // No `at`: the start; `at` outside: the nearest end; a bad workspace id: the live record.
    expect(replayFromHash(`#/overview?replay=${FROM}..${TO}`)?.at).toBe(FROM);
    expect(replayFromHash(`#/overview?replay=${FROM}..${TO}&at=2016-01-01T00:00:00Z`)?.at).toBe(TO);
    expect(replayFromHash(`#/overview?replay=${FROM}..${TO}&ws=../../etc`)?.workspace).toBe('live');
  });

  it('refuses a period that is backwards, unreadable or longer than 31 days', () => {
    expect(replayFromHash(`#/overview?replay=${TO}..${FROM}`)).toBeNull();
    expect(replayFromHash('#/overview?replay=soon..later')).toBeNull();
    expect(replayFromHash(`#/overview?replay=${FROM}..${FROM + 32 * 86_400_000}`)).toBeNull();
    expect(replayFromHash('#/overview')).toBeNull();
  });

  it('writes the replay into the hash keeping other parameters, and removes it for live', () => {
    const ctx = { mode: 'replay' as const, workspace: 'live', from: FROM, to: TO, at: AT + 123, playing: true, speed: 60 as const };
    const hash = hashWithReplay('#/wall?display=lobby&watchdogMb=300', ctx);
    expect(hash).toBe('#/wall?display=lobby&watchdogMb=300&replay=2015-02-22T12:00:00Z..2015-02-23T06:00:00Z&at=2015-02-22T22:30:00Z');
    expect(replayFromHash(hash)).toMatchObject({ from: FROM, to: TO, at: AT, workspace: 'live' });
    expect(hashWithReplay(hash, { mode: 'live' })).toBe('#/wall?display=lobby&watchdogMb=300');
    expect(replayHash('wall', { mode: 'replay', workspace: 'folder-a', from: FROM, to: TO, at: FROM }, { display: 'main' })).toBe(
      `#/wall?display=main&replay=${formatReplayTime(FROM)}..${formatReplayTime(TO)}&at=${formatReplayTime(FROM)}&ws=folder-a`,
    );
  });
});

describe('the time context', () => {
  it('seeks inside the period only, shows the moment on the clock, and stops playing at the end', () => {
    replayActions.start({ workspace: 'live', from: FROM, to: TO, at: AT });
    expect(useClockStore.getState().now).toBe(AT);
    replayActions.seek(TO + 3_600_000);
    expect(currentReplay()?.at).toBe(TO);
    replayActions.seek(FROM - 1);
    expect(currentReplay()?.at).toBe(FROM);
    replayActions.setPlaying(true);
    replayActions.seek(TO);
    expect(currentReplay()).toMatchObject({ at: TO, playing: false });
    // Play at the end starts over.
    replayActions.setPlaying(true);
    expect(currentReplay()).toMatchObject({ at: FROM, playing: true });
    replayActions.stop();
    expect(useTimeContext.getState()).toEqual({ mode: 'live' });
    replayActions.seek(AT); // no effect while live
    expect(useTimeContext.getState()).toEqual({ mode: 'live' });
  });
});

describe('scrubber jumps', () => {
  const timeline = {
    markers: [
      { at: 1_000_000, kind: 'alert' as const, id: 1, label: 'spike', severity: 'warning' },
      { at: 3_000_000, kind: 'annotation' as const, id: 7, label: 'statement', severity: null },
      { at: 5_000_000, kind: 'alert' as const, id: 2, label: 'spike 2', severity: 'critical' },
    ],
    annotations: [{ id: 8, at: 4_000_000, kind: 'note' as const, text: 'n', author: 'a', topicId: null, incidentId: null, createdAt: 0 }],
  };
  it('lands on the next marker of the kind asked, never on the current moment, and on the previous of any kind', () => {
    expect(findMarker(timeline, 0, 'alert', 1)).toBe(1_000_000);
    expect(findMarker(timeline, 1_000_000, 'alert', 1)).toBe(5_000_000);
    expect(findMarker(timeline, 1_000_000, 'annotation', 1)).toBe(3_000_000);
    expect(findMarker(timeline, 3_000_000, 'annotation', 1)).toBe(4_000_000);
    expect(findMarker(timeline, 5_000_000, 'alert', 1)).toBeNull();
    expect(findMarker(timeline, 4_500_000, 'any', -1)).toBe(4_000_000);
    expect(findMarker(timeline, 1_000_000, 'any', -1)).toBeNull();
    expect(findMarker(null, 0, 'any', 1)).toBeNull();
  });
});
