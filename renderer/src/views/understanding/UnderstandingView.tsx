import { useState } from 'react';
import type { MentionExplanation } from '../../../../shared/domain/explanation';
import { INTENTS } from '../../../../shared/domain/intents';
import { useClient } from '../../lib/client-context';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { ExplanationPanel } from './ExplanationPanel';
import { IntentRulesPanel } from './IntentRulesPanel';
import { errorText, useCall } from './use-call';
import '../sources/sources.css';
import './understanding.css';

const TREND_WINDOWS = [15, 60, 240] as const;

/** Understanding: review mentions (why each got its label; correct it), what's new, intent rules. */
export function UnderstandingView() {
  const client = useClient();
  const [intent, setIntent] = useState<string>('');
  const recent = useCall('mentions.recentForReview', { limit: 40, intent: intent || null }, `recent:${intent}`);
  const [windowMinutes, setWindowMinutes] = useState<number>(60);
  const trends = useCall('trends.terms', { topicId: null, windowMinutes, limit: 20 }, `trends:${windowMinutes}`);
  const corrections = useCall('mentions.corrections', { limit: 20 }, 'corrections');
  const [explanation, setExplanation] = useState<MentionExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);

  const explain = async (id: number): Promise<void> => {
    setError(null);
    try {
      setExplanation(await client.call('mentions.explain', { id }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <ConsoleFrame current="understanding">
      <div className="understanding">
        <section className="console__section" aria-labelledby="review-heading">
          <div className="understanding__heading">
            <h2 id="review-heading">Recent mentions</h2>
            <select value={intent} aria-label="Only mentions with intent" onChange={(e) => setIntent(e.target.value)} data-testid="review-intent">
              <option value="">all intents</option>
              {INTENTS.map((i) => <option key={i} value={i}>{i}</option>)}
            </select>
            <button type="button" className="btn" onClick={recent.reload} data-testid="review-refresh">Refresh</button>
          </div>
          {recent.error && <div className="call-error" role="alert">{recent.error}</div>}
          {recent.data && recent.data.mentions.length === 0 && <p className="console__empty">No mentions yet.</p>}
          <ul className="review-list" data-testid="review-list">
            {recent.data?.mentions.map((m) => (
              <li key={m.id} className={explanation?.mention.id === m.id ? 'review-list__item review-list__item--current' : 'review-list__item'} data-testid={`review-row-${m.id}`}>
                <span className={`sentiment sentiment--${m.sentiment}`}>{m.sentiment}</span>
                <span className="review-list__who">@{m.authorHandle}</span>
                <span className="review-list__text">{m.text}</span>
                {m.intents.length > 0 && <span className="review-list__intents">{m.intents.join(', ')}</span>}
                <span className="review-list__urgency" title="urgency 0–100">{Math.round(m.urgency)}</span>
                <button type="button" className="btn" data-testid={`explain-${m.id}`} onClick={() => void explain(m.id)}>Explain</button>
              </li>
            ))}
          </ul>
        </section>
        <section className="console__section" aria-labelledby="explain-heading">
          <h2 id="explain-heading">Why this label</h2>
          {error && <div className="call-error" role="alert">{error}</div>}
          {explanation ? (
            <ExplanationPanel
              explanation={explanation}
              onChanged={(next) => {
                setExplanation(next);
                recent.reload();
                corrections.reload();
              }}
            />
          ) : (
            <p className="console__empty">Pick a mention and press Explain to see which words and signals pushed it which way, and correct it if it is wrong.</p>
          )}
        </section>
        <section className="console__section" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">Recent corrections</h2>
          <p className="console__empty">Each correction is stored with who and when, moves the mention’s counts in the charts, and teaches this workspace’s model (its words’ weights are adjusted on top of the shipped model).</p>
          {corrections.error && <div className="call-error" role="alert">{corrections.error}</div>}
          {corrections.data && corrections.data.corrections.length === 0 && <p className="console__empty">No corrections yet.</p>}
          <ul className="review-list" data-testid="corrections-list">
            {corrections.data?.corrections.map((c) => (
              <li key={c.id} className="review-list__item" data-testid={`correction-row-${c.mentionId}`}>
                <span className={`sentiment sentiment--${c.previousLabel}`}>{c.previousLabel}</span>→<span className={`sentiment sentiment--${c.label}`}>{c.label}</span>
                <span className="review-list__text">by {c.correctedBy}, {new Date(c.correctedAt).toLocaleString()}</span>
                <button type="button" className="btn" data-testid={`explain-corrected-${c.mentionId}`} onClick={() => void explain(c.mentionId)}>Explain</button>
              </li>
            ))}
          </ul>
        </section>
        <section className="console__section" aria-labelledby="trends-heading">
          <div className="understanding__heading">
            <h2 id="trends-heading">What’s new</h2>
            <select value={windowMinutes} aria-label="Window" onChange={(e) => setWindowMinutes(Number(e.target.value))}>
              {TREND_WINDOWS.map((w) => <option key={w} value={w}>last {w} min vs the {w * 4} min before</option>)}
            </select>
            <button type="button" className="btn" onClick={trends.reload}>Refresh</button>
          </div>
          {trends.error && <div className="call-error" role="alert">{trends.error}</div>}
          {trends.data && trends.data.terms.length === 0 && <p className="console__empty">Nothing is rising against its baseline.</p>}
          <ol className="trend-list" data-testid="trend-list">
            {trends.data?.terms.map((t) => (
              <li key={t.term}>
                <strong>{t.term}</strong> {t.count} mentions (expected {t.expected}){t.isNew && <span className="trend-list__new"> new</span>}
              </li>
            ))}
          </ol>
        </section>
        <section className="console__section" aria-labelledby="intents-heading">
          <h2 id="intents-heading">Intent rules</h2>
          <IntentRulesPanel />
        </section>
      </div>
    </ConsoleFrame>
  );
}
