import { useState } from 'react';
import type { MentionExplanation } from '@shared/domain/explanation';
import { INTENTS } from '@shared/domain/intents';
import { useClient } from '../../lib/client-context';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { ExplanationPanel } from './ExplanationPanel';
import { IntentRulesPanel } from './IntentRulesPanel';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, EmptyState, ErrorNotice, Options, Time } from '../../ui';
import './understanding.css';

const TREND_WINDOWS = [15, 60, 240] as const;

/** Understanding: review mentions (why each got its label; correct it), what's new, intent rules. */
export function UnderstandingView() {
  const client = useClient();
  const [intent, setIntent] = useState<string>('');
  // A correction made in another window moves both lists.
  const recent = useQuery('mentions.recentForReview', { limit: 40, intent: intent || null }, { refreshOn: ['mentions.corrected'] });
  const [windowMinutes, setWindowMinutes] = useState<number>(60);
  const trends = useQuery('trends.terms', { topicId: null, windowMinutes, limit: 20 });
  const corrections = useQuery('mentions.corrections', { limit: 20 }, { refreshOn: ['mentions.corrected'] });
  const [explanation, setExplanation] = useState<MentionExplanation | null>(null);
  const explaining = useAction<MentionExplanation>();

  const explain = (id: number): void => explaining.run(() => client.call('mentions.explain', { id }), setExplanation);

  return (
    <ConsoleFrame current="understanding">
      <div className="understanding">
        <section className="console__section" aria-labelledby="review-heading">
          <div className="understanding__heading">
            <h2 id="review-heading">Recent mentions</h2>
            <select value={intent} aria-label="Only mentions with intent" onChange={(e) => setIntent(e.target.value)} data-testid="review-intent">
              <Options items={INTENTS} value={(i) => i} empty="all intents" />
            </select>
            <Button onClick={recent.reload} data-testid="review-refresh">
              Refresh
            </Button>
          </div>
          <ErrorNotice error={recent.error} />
          {recent.data && recent.data.mentions.length === 0 && <EmptyState>No mentions yet.</EmptyState>}
          <ul className="review-list" data-testid="review-list">
            {recent.data?.mentions.map((m) => (
              <li
                key={m.id}
                className={explanation?.mention.id === m.id ? 'review-list__item review-list__item--current' : 'review-list__item'}
                data-testid={`review-row-${m.id}`}
              >
                <span className={`sentiment sentiment--${m.sentiment}`}>{m.sentiment}</span>
                <span className="review-list__who">@{m.authorHandle}</span>
                <span className="review-list__text">{m.text}</span>
                {m.intents.length > 0 && <span className="review-list__intents">{m.intents.join(', ')}</span>}
                <span className="review-list__urgency" title="urgency 0–100">
                  {Math.round(m.urgency)}
                </span>
                <Button data-testid={`explain-${m.id}`} onClick={() => explain(m.id)}>
                  Explain
                </Button>
              </li>
            ))}
          </ul>
        </section>
        <section className="console__section" aria-labelledby="explain-heading">
          <h2 id="explain-heading">Why this label</h2>
          <ErrorNotice error={explaining.error} />
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
            <EmptyState>Pick a mention and press Explain to see which words and signals pushed it which way, and correct it if it is wrong.</EmptyState>
          )}
        </section>
        <section className="console__section" aria-labelledby="corrections-heading">
          <h2 id="corrections-heading">Recent corrections</h2>
          <p className="console__empty">
            Each correction is stored with who and when, moves the mention’s counts in the charts, and teaches this workspace’s model (its words’ weights are
            adjusted on top of the shipped model).
          </p>
          <ErrorNotice error={corrections.error} />
          {corrections.data && corrections.data.corrections.length === 0 && <EmptyState>No corrections yet.</EmptyState>}
          <ul className="review-list" data-testid="corrections-list">
            {corrections.data?.corrections.map((c) => (
              <li key={c.id} className="review-list__item" data-testid={`correction-row-${c.mentionId}`}>
                <span className={`sentiment sentiment--${c.previousLabel}`}>{c.previousLabel}</span>→
                <span className={`sentiment sentiment--${c.label}`}>{c.label}</span>
                <span className="review-list__text">
                  by {c.correctedBy}, <Time ms={c.correctedAt} />
                </span>
                <Button data-testid={`explain-corrected-${c.mentionId}`} onClick={() => explain(c.mentionId)}>
                  Explain
                </Button>
              </li>
            ))}
          </ul>
        </section>
        <section className="console__section" aria-labelledby="trends-heading">
          <div className="understanding__heading">
            <h2 id="trends-heading">What’s new</h2>
            <select value={windowMinutes} aria-label="Window" onChange={(e) => setWindowMinutes(Number(e.target.value))}>
              {TREND_WINDOWS.map((w) => (
                <option key={w} value={w}>
                  last {w} min vs the {w * 4} min before
                </option>
              ))}
            </select>
            <Button onClick={trends.reload}>Refresh</Button>
          </div>
          <ErrorNotice error={trends.error} />
          {trends.data && trends.data.terms.length === 0 && <EmptyState>Nothing is rising against its baseline.</EmptyState>}
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
