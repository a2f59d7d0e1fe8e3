/**
 * The top of every view in replay: a band that says REPLAY and when, readable across the room,
 * and the scrubber — play/pause, speeds, a timeline with the volume and the alert and annotation
 * and wall-command markers (drag to seek), jumps to the next alert or annotation (Shift+←/→ to any
 * marker), the annotations beside it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { ReviewResults } from '@shared/contract/areas/review';
import { ANNOTATION_KINDS, LIVE_WORKSPACE, type AnnotationKind } from '@shared/domain/review';
import { useClient } from '../lib/client-context';
import { errorMessage } from '../lib/error-message';
import { loadOperatorName } from '../lib/operator-name';
import { REPLAY_SPEEDS, replayActions, useTimeContext, type ReplayContext } from './time-context';
import { formatReplayMoment, formatReplayShort } from './format';
import { findMarker } from './markers';
import { Options } from '../ui';
import './replay.css';

type Timeline = ReviewResults['review.timeline'];
/** Points drawn on the timeline: a week of minutes is binned down to this many. */
const TIMELINE_BINS = 300;

export function ReplayBar() {
  const ctx = useTimeContext() as ReplayContext;
  const { timeline, error, reload } = useTimeline(ctx.workspace, ctx.from, ctx.to);
  const [showNotes, setShowNotes] = useState(false);
  useReplayKeys(ctx, timeline);

  const jump = (kind: 'alert' | 'annotation' | 'any', direction: 1 | -1) => {
    const target = findMarker(timeline, ctx.at, kind, direction);
    if (target !== null) replayActions.seek(target);
  };
  const annotations = timeline?.annotations ?? [];
  return (
    <div className="replaybar" data-testid="replay-bar">
      <div
        className="replaybar__band"
        data-testid="replay-band"
        role="status"
        data-at={ctx.at}
        data-playing={String(ctx.playing)}
        data-workspace={ctx.workspace}
      >
        <span className="replaybar__mark">REPLAY</span>
        <span className="replaybar__time" data-testid="replay-time">
          {formatReplayMoment(ctx.at)}
        </span>
        {ctx.workspace !== LIVE_WORKSPACE && <span className="replaybar__ws">workspace {ctx.workspace} · read-only</span>}
        <span className="replaybar__state">{ctx.playing ? `▶ ${ctx.speed}×` : '❚❚ paused'}</span>
      </div>
      <div className="replaybar__controls">
        <button
          type="button"
          data-testid="replay-previous"
          onClick={() => jump('any', -1)}
          title="Previous alert, annotation or wall command (Shift+←; Shift+→ for the next)"
        >
          ◀ previous
        </button>
        <button
          type="button"
          className="replaybar__play"
          data-testid="replay-play"
          aria-pressed={ctx.playing}
          onClick={() => replayActions.setPlaying(!ctx.playing)}
          title="Play or pause (space)"
        >
          {ctx.playing ? '❚❚ pause' : '▶ play'}
        </button>
        <span className="replaybar__speeds" role="group" aria-label="Speed">
          {REPLAY_SPEEDS.map((speed) => (
            <button
              key={speed}
              type="button"
              data-testid={`replay-speed-${speed}`}
              aria-pressed={ctx.speed === speed}
              onClick={() => replayActions.setSpeed(speed)}
            >
              {speed}×
            </button>
          ))}
        </span>
        <button type="button" data-testid="replay-next-alert" onClick={() => jump('alert', 1)}>
          next alert ▶
        </button>
        <button type="button" data-testid="replay-next-annotation" onClick={() => jump('annotation', 1)}>
          next annotation ▶
        </button>
        <button type="button" data-testid="replay-annotations-toggle" aria-expanded={showNotes} onClick={() => setShowNotes((v) => !v)}>
          annotations ({annotations.length})
        </button>
        <span className="replaybar__legend" aria-hidden="true">
          <span className="replaybar__key replaybar__key--alert">alert</span>
          <span className="replaybar__key replaybar__key--annotation">annotation</span>
          <span className="replaybar__key replaybar__key--wall">wall command</span>
        </span>
        <button type="button" className="replaybar__live" data-testid="replay-exit" onClick={() => replayActions.stop()}>
          back to live
        </button>
      </div>
      <TimelineStrip ctx={ctx} timeline={timeline} />
      {error && (
        <p className="replaybar__error" role="alert" data-testid="replay-error">
          The timeline could not be loaded: {error}
        </p>
      )}
      {showNotes && <AnnotationsPanel ctx={ctx} timeline={timeline} onChanged={reload} />}
    </div>
  );
}

function TimelineStrip({ ctx, timeline }: { ctx: ReplayContext; timeline: Timeline | null }) {
  const ref = useRef<SVGSVGElement>(null);
  const span = ctx.to - ctx.from;
  const x = (t: number) => ((t - ctx.from) / span) * 1000;
  const path = useMemo(() => {
    if (!timeline || timeline.buckets.length === 0) return '';
    const bins = new Array<number>(TIMELINE_BINS).fill(0);
    for (const b of timeline.buckets) {
      const i = Math.floor(((b.minute - ctx.from) / span) * TIMELINE_BINS);
      if (i >= 0 && i < TIMELINE_BINS) bins[i]! += b.total;
    }
    const max = Math.max(1, ...bins);
    const pts = bins.map((v, i) => `${i === 0 ? 'M' : 'L'}${((i + 0.5) / TIMELINE_BINS) * 1000} ${(40 - (v / max) * 36).toFixed(1)}`);
    return `${pts.join(' ')} L1000 40 L0 40 Z`;
  }, [timeline, ctx.from, span]);

  const seekAt = (clientX: number) => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    replayActions.seek(ctx.from + ((clientX - box.left) / box.width) * span);
  };
  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    seekAt(e.clientX);
  };
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) seekAt(e.clientX);
  };
  return (
    <div className="replaybar__timeline">
      <span className="replaybar__edge">{formatReplayShort(ctx.from)}</span>
      <svg
        ref={ref}
        className="replaybar__svg"
        viewBox="0 0 1000 40"
        preserveAspectRatio="none"
        data-testid="replay-timeline"
        role="slider"
        aria-label="Replay time"
        aria-valuemin={ctx.from}
        aria-valuemax={ctx.to}
        aria-valuenow={ctx.at}
        aria-valuetext={formatReplayMoment(ctx.at)}
        onPointerDown={onDown}
        onPointerMove={onMove}
      >
        <path d={path} className="replaybar__volume" />
        {(timeline?.markers ?? []).map((m) => (
          <line
            key={`${m.kind}-${m.id}`}
            x1={x(m.at)}
            x2={x(m.at)}
            y1={0}
            y2={40}
            className={`replaybar__marker replaybar__marker--${m.kind}${m.severity ? ` replaybar__marker--${m.severity}` : ''}`}
            vectorEffect="non-scaling-stroke"
            data-testid={`replay-marker-${m.kind}`}
            data-at={m.at}
          >
            <title>{`${formatReplayShort(m.at)} · ${m.label}`}</title>
          </line>
        ))}
        <line x1={x(ctx.at)} x2={x(ctx.at)} y1={0} y2={40} className="replaybar__cursor" vectorEffect="non-scaling-stroke" />
      </svg>
      <span className="replaybar__edge">{formatReplayShort(ctx.to)}</span>
    </div>
  );
}

function AnnotationsPanel({ ctx, timeline, onChanged }: { ctx: ReplayContext; timeline: Timeline | null; onChanged: () => void }) {
  const client = useClient();
  const [kind, setKind] = useState<AnnotationKind>('decision');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const writable = ctx.workspace === LIVE_WORKSPACE;
  const add = () => {
    setError(null);
    client
      .call('annotations.add', { workspace: LIVE_WORKSPACE, at: Math.round(ctx.at), kind, text, by: loadOperatorName(), topicId: null, incidentId: null })
      .then(
        () => {
          setText('');
          onChanged();
        },
        (e: unknown) => setError(errorMessage(e)),
      );
  };
  const remove = (id: number) => {
    setError(null);
    client.call('annotations.delete', { workspace: LIVE_WORKSPACE, id, by: loadOperatorName() }).then(onChanged, (e: unknown) => setError(errorMessage(e)));
  };
  return (
    <section className="replaybar__notes" data-testid="replay-annotations" aria-label="Annotations">
      <ul>
        {(timeline?.annotations ?? []).map((a) => (
          <li key={a.id} data-testid="replay-annotation-row" data-at={a.at}>
            <button type="button" className="replaybar__link" onClick={() => replayActions.seek(a.at)}>
              {formatReplayShort(a.at)}
            </button>{' '}
            <span className={`replaybar__kind replaybar__kind--${a.kind}`}>{a.kind}</span> {a.text} <span className="replaybar__by">— {a.author}</span>
            {writable && (
              <button type="button" className="replaybar__link" onClick={() => remove(a.id)} aria-label={`Delete the annotation “${a.text}”`}>
                delete
              </button>
            )}
          </li>
        ))}
        {(timeline?.annotations ?? []).length === 0 && <li>No annotations in this period.</li>}
      </ul>
      {writable ? (
        <form
          className="replaybar__add"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) add();
          }}
        >
          <span>At {formatReplayShort(ctx.at)}:</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)} data-testid="annotation-kind" aria-label="Kind">
            <Options items={ANNOTATION_KINDS} value={(k) => k} />
          </select>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={2000}
            placeholder="What was decided, or what happened outside"
            data-testid="annotation-text"
            aria-label="Annotation"
          />
          <button type="submit" data-testid="annotation-add" disabled={!text.trim()}>
            add annotation
          </button>
        </form>
      ) : (
        <p>This workspace is read-only: annotations are added in the live workspace.</p>
      )}
      {error && (
        <p className="replaybar__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function useTimeline(workspace: string, from: number, to: number): { timeline: Timeline | null; error: string | null; reload: () => void } {
  const client = useClient();
  const [state, setState] = useState<{ timeline: Timeline | null; error: string | null }>({ timeline: null, error: null });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  useEffect(() => {
    let alive = true;
    const load = () => {
      client.call('review.timeline', { workspace, from, to }).then(
        (timeline) => alive && setState({ timeline, error: null }),
        (e: unknown) => alive && setState((s) => ({ ...s, error: errorMessage(e) })),
      );
    };
    const disposers = [client.onHello(load)];
    // Another window's annotation in the live record shows here too.
    if (workspace === LIVE_WORKSPACE) disposers.push(client.subscribe('annotations.changed', load));
    return () => {
      alive = false;
      for (const d of disposers) d();
    };
  }, [client, workspace, from, to, round]);
  return { ...state, reload };
}

function useReplayKeys(ctx: ReplayContext, timeline: Timeline | null): void {
  const ref = useRef({ ctx, timeline });
  ref.current = { ctx, timeline };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName))) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const { ctx: c, timeline: t } = ref.current;
      if (e.key === ' ') {
        e.preventDefault();
        replayActions.setPlaying(!c.playing);
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        const direction = e.key === 'ArrowRight' ? 1 : -1;
        if (e.shiftKey) {
          const target = findMarker(t, c.at, 'any', direction);
          if (target !== null) replayActions.seek(target);
        } else {
          // One step is a hundredth of the period, at least a minute.
          replayActions.seek(c.at + direction * Math.max(60_000, (c.to - c.from) / 100));
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
