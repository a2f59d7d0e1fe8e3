import { formatCompact, percentShares } from '@shared/logic/format';
import { Panel } from './Panel';
import { useFitList } from './use-fit-list';
import './ShareOfVoice.css';

export interface ShareOfVoiceRow {
  topicId: number;
  name: string;
  kind: string;
  color: string;
  mentions: number;
}

export interface ShareOfVoiceOptions {
  rows: readonly ShareOfVoiceRow[];
  periodLabel: string;
}

/** Each topic's share of all mentions of the compared topics, as labelled bars (percent in text, not only length). */
export function ShareOfVoice({ rows, periodLabel }: ShareOfVoiceOptions) {
  const listRef = useFitList<HTMLOListElement>([rows]);
  const shares = percentShares(rows.map((r) => r.mentions));
  const ordered = rows.map((r, i) => ({ ...r, share: shares[i] ?? 0 })).sort((a, b) => b.mentions - a.mentions);
  return (
    <Panel title="Share of voice" period={periodLabel} className="sov" testId="share-of-voice">
      {ordered.length === 0 ? (
        <p className="sov__empty">No brand or competitor topics yet</p>
      ) : (
        <ol className="sov__list" ref={listRef}>
          {ordered.map((r) => (
            <li key={r.topicId} className="sov__row" data-testid="sov-row" data-topic-id={r.topicId} data-share={r.share}>
              <span className="sov__name">
                {r.name}
                {r.kind === 'brand' && <span className="sov__kind"> · brand</span>}
              </span>
              <span className="sov__pct">{r.share}%</span>
              <span className="sov__bar" aria-hidden="true">
                <span style={{ width: `${r.share}%`, background: r.color }} />
              </span>
              <span className="sov__count">{formatCompact(r.mentions)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
