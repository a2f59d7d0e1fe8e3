import { EMOTIONS } from '@shared/domain/emotion';
import { useState } from 'react';
import { signedInPerson } from '../../lib/identity';
import type { MentionExplanation } from '@shared/domain/explanation';
import type { SentimentLabel } from '@shared/domain/mention';
import { SENTIMENT_LABELS } from '@shared/domain/mention';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { Button, DataTable, ErrorNotice, Time } from '../../ui';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Why a mention got its label, and the buttons to correct it. */
export function ExplanationPanel({ explanation, onChanged }: { explanation: MentionExplanation; onChanged: (next: MentionExplanation) => void }) {
  const client = useClient();
  // Signed in: the core names the person; the field is only for the hub's own window.
  const person = signedInPerson();
  const [by, setBy] = useState(() => person ?? localStorage.getItem('earshot.agent') ?? '');
  const [missingName, setMissingName] = useState(false);
  const correcting = useAction<MentionExplanation>();
  const { mention, model, language, pushes, rules, intents, correction } = explanation;

  const correct = (label: SentimentLabel): void => {
    const who = by.trim();
    setMissingName(!who);
    if (!who) return;
    localStorage.setItem('earshot.agent', who);
    correcting.run(async () => (await client.call('mentions.correctSentiment', { id: mention.id, label, by: who })).explanation, onChanged);
  };

  return (
    <div className="explain" data-testid="explanation" data-mention-id={mention.id}>
      <blockquote className="explain__text">{mention.text || <em>(empty post)</em>}</blockquote>
      <p className="explain__summary">
        Stored as{' '}
        <span className={`sentiment sentiment--${mention.sentiment}`} data-testid="explain-stored-label">
          {mention.sentiment}
        </span>
        {' · '}the model says <span className={`sentiment sentiment--${model.label}`}>{model.label}</span> ({pct(model.confidence)} sure, score{' '}
        {model.score.toFixed(2)}){' · '}language <strong>{language.code}</strong> ({language.source === 'source' ? 'from the source' : 'detected'}:{' '}
        {language.reason})
        {!language.supported && (
          <>
            {' '}
            — sentiment is not scored in this language, so it is <em>unknown</em>
          </>
        )}
      </p>
      {correction && (
        <p className="explain__correction" data-testid="explain-correction">
          Corrected to <strong>{correction.label}</strong> (was {correction.previousLabel}) by {correction.by} at <Time ms={correction.at} style="full" />
        </p>
      )}
      {pushes.length > 0 && (
        <DataTable
          className="explain__pushes"
          testId="explain-pushes"
          rows={pushes.slice(0, 12)}
          rowKey={(p) => p.feature}
          columns={[
            {
              key: 'signal',
              header: 'Signal',
              cell: (p) => (
                <>
                  <code>{p.feature}</code>
                  {p.description && <span className="explain__desc"> {p.description}</span>}
                  {p.adjusted && (
                    <span className="explain__adjusted" title="includes what this workspace's corrections taught the model">
                      {' '}
                      (learned from corrections)
                    </span>
                  )}
                </>
              ),
            },
            { key: 'toward', header: 'Pushes toward', cell: (p) => <span className={`sentiment sentiment--${p.toward}`}>{p.toward}</span> },
            { key: 'strength', header: 'Strength', numeric: true, cell: (p) => p.strength.toFixed(2) },
          ]}
        />
      )}
      {explanation.emotion && (
        <div className="explain__emotion" data-testid="explain-emotion" data-emotion={explanation.emotion.label}>
          <p>
            Emotion <strong>{explanation.emotion.label}</strong>: {EMOTIONS.map((e) => `${e} ${pct(explanation.emotion!.scores[e])}`).join(' · ')}
          </p>
          {explanation.emotion.pushes.length > 0 && (
            <p className="explain__desc" data-testid="explain-emotion-pushes">
              Strongest signals:{' '}
              {explanation.emotion.pushes
                .slice(0, 6)
                .map((p) => `${p.description ?? p.feature} → ${p.toward}`)
                .join(' · ')}
            </p>
          )}
        </div>
      )}
      {rules.length > 0 && (
        <p className="explain__rules" data-testid="explain-rules">
          Rules that fired: {rules.join(' · ')}
        </p>
      )}
      <p className="explain__intents">
        Intents:{' '}
        {intents.length === 0
          ? 'none'
          : intents.map((i) => `${i.intent}${i.matched ? ` (“${i.matched}”, rule ${i.ruleId})` : ` (rule ${i.ruleId})`}`).join(', ')}
      </p>
      <div className="explain__correct">
        {person === null && (
          <label>
            Your name <input value={by} maxLength={80} onChange={(e) => setBy(e.target.value)} data-testid="correct-by" />
          </label>
        )}
        <span>Correct to:</span>
        {SENTIMENT_LABELS.map((label) => (
          <Button key={label} busy={correcting.pending} data-testid={`correct-${label}`} onClick={() => correct(label)}>
            {label}
          </Button>
        ))}
      </div>
      <ErrorNotice error={missingName ? 'Type your name first: corrections record who made them.' : correcting.error} />
    </div>
  );
}
