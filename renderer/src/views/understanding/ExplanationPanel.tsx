import { EMOTIONS } from '../../../../shared/domain/emotion';
import { useState } from 'react';
import { signedInPerson } from '../../lib/identity';
import type { MentionExplanation } from '../../../../shared/domain/explanation';
import type { SentimentLabel } from '../../../../shared/domain/mention';
import { SENTIMENT_LABELS } from '../../../../shared/domain/mention';
import { useClient } from '../../lib/client-context';
import { errorText } from './use-call';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Why a mention got its label, and the buttons to correct it. */
export function ExplanationPanel({ explanation, onChanged }: { explanation: MentionExplanation; onChanged: (next: MentionExplanation) => void }) {
  const client = useClient();
  // Signed in: the core names the person; the field is only for the hub's own window.
  const person = signedInPerson();
  const [by, setBy] = useState(() => person ?? localStorage.getItem('earshot.agent') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { mention, model, language, pushes, rules, intents, correction } = explanation;

  const correct = async (label: SentimentLabel): Promise<void> => {
    const who = by.trim();
    if (!who) {
      setError('Type your name first: corrections record who made them.');
      return;
    }
    localStorage.setItem('earshot.agent', who);
    setBusy(true);
    setError(null);
    try {
      const result = await client.call('mentions.correctSentiment', { id: mention.id, label, by: who });
      onChanged(result.explanation);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="explain" data-testid="explanation" data-mention-id={mention.id}>
      <blockquote className="explain__text">{mention.text || <em>(empty post)</em>}</blockquote>
      <p className="explain__summary">
        Stored as <span className={`sentiment sentiment--${mention.sentiment}`} data-testid="explain-stored-label">{mention.sentiment}</span>
        {' · '}the model says <span className={`sentiment sentiment--${model.label}`}>{model.label}</span> ({pct(model.confidence)} sure, score {model.score.toFixed(2)})
        {' · '}language <strong>{language.code}</strong> ({language.source === 'source' ? 'from the source' : 'detected'}: {language.reason})
        {!language.supported && <> — sentiment is not scored in this language, so it is <em>unknown</em></>}
      </p>
      {correction && (
        <p className="explain__correction" data-testid="explain-correction">
          Corrected to <strong>{correction.label}</strong> (was {correction.previousLabel}) by {correction.by} at {new Date(correction.at).toLocaleString()}
        </p>
      )}
      {pushes.length > 0 && (
        <table className="sources-table explain__pushes" data-testid="explain-pushes">
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Pushes toward</th>
              <th scope="col" className="num">Strength</th>
            </tr>
          </thead>
          <tbody>
            {pushes.slice(0, 12).map((p) => (
              <tr key={p.feature}>
                <td>
                  <code>{p.feature}</code>
                  {p.description && <span className="explain__desc"> {p.description}</span>}
                  {p.adjusted && <span className="explain__adjusted" title="includes what this workspace's corrections taught the model"> (learned from corrections)</span>}
                </td>
                <td><span className={`sentiment sentiment--${p.toward}`}>{p.toward}</span></td>
                <td className="num">{p.strength.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {explanation.emotion && (
        <div className="explain__emotion" data-testid="explain-emotion" data-emotion={explanation.emotion.label}>
          <p>
            Emotion <strong>{explanation.emotion.label}</strong>:{' '}
            {EMOTIONS.map((e) => `${e} ${pct(explanation.emotion!.scores[e])}`).join(' · ')}
          </p>
          {explanation.emotion.pushes.length > 0 && (
            <p className="explain__desc" data-testid="explain-emotion-pushes">
              Strongest signals: {explanation.emotion.pushes.slice(0, 6).map((p) => `${p.description ?? p.feature} → ${p.toward}`).join(' · ')}
            </p>
          )}
        </div>
      )}
      {rules.length > 0 && (
        <p className="explain__rules" data-testid="explain-rules">Rules that fired: {rules.join(' · ')}</p>
      )}
      <p className="explain__intents">
        Intents: {intents.length === 0 ? 'none' : intents.map((i) => `${i.intent}${i.matched ? ` (“${i.matched}”, rule ${i.ruleId})` : ` (rule ${i.ruleId})`}`).join(', ')}
      </p>
      <div className="explain__correct">
        {person === null && (
          <label>
            Your name <input value={by} maxLength={80} onChange={(e) => setBy(e.target.value)} data-testid="correct-by" />
          </label>
        )}
        <span>Correct to:</span>
        {SENTIMENT_LABELS.map((label) => (
          <button key={label} type="button" className="btn" disabled={busy} data-testid={`correct-${label}`} onClick={() => void correct(label)}>
            {label}
          </button>
        ))}
      </div>
      {error && <div className="call-error" role="alert">{error}</div>}
    </div>
  );
}
