import { useEffect, useState } from 'react';
import { INTENTS, intentRulesSchema, type IntentRule } from '@shared/domain/intents';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, EmptyState, ErrorNotice, Options } from '../../ui';

interface Draft extends Omit<IntentRule, 'phrases'> {
  phrases: string;
}

const toDraft = (r: IntentRule): Draft => ({ ...r, phrases: r.phrases.join('\n') });
const fromDraft = (d: Draft): IntentRule => ({
  ...d,
  phrases: d.phrases
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p.length > 0),
});

/** Intent rules: visible, editable, validated here with the core's own schema before saving. */
export function IntentRulesPanel() {
  const client = useClient();
  const { data, error, reload } = useQuery('intents.rules.get', {});
  const saving = useAction<unknown>();
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data) setDrafts(data.rules.map(toDraft));
  }, [data]);

  const change = (i: number, patch: Partial<Draft>): void => {
    setSaved(false);
    setDrafts((ds) => ds && ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  };
  const save = (rules: IntentRule[] | null): void => {
    setProblem(null);
    if (rules) {
      const parsed = intentRulesSchema.safeParse(rules);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const index = typeof issue.path[0] === 'number' ? issue.path[0] : null;
        setProblem(`${index !== null ? `Rule ${index + 1} (${rules[index]?.id ?? '?'})` : 'Rules'}: ${issue.message}`);
        return;
      }
    }
    saving.run(
      () => client.call('intents.rules.set', { rules }),
      () => {
        setSaved(true);
        reload();
      },
    );
  };

  if (!drafts || !data) return error ? <ErrorNotice error={`Could not load intent rules: ${error}`} /> : <EmptyState>Loading…</EmptyState>;
  return (
    <div className="intent-rules" data-testid="intent-rules">
      <p className="console__empty">
        {data.isDefault ? 'Using the shipped rules.' : 'Using this workspace’s rules.'} A rule tags a mention when any phrase matches (whole words;{' '}
        <code>*</code> ends a word: <code>cancel*</code>) and its sentiment and question-mark conditions hold. Changes apply to mentions from now on.
      </p>
      {drafts.map((d, i) => (
        <fieldset key={i} className="intent-rule" data-testid={`intent-rule-${d.id}`}>
          <legend>
            <input value={d.id} aria-label="Rule id" onChange={(e) => change(i, { id: e.target.value })} />
          </legend>
          <label>
            <input type="checkbox" checked={d.enabled} onChange={(e) => change(i, { enabled: e.target.checked })} /> enabled
          </label>
          <label>
            intent{' '}
            <select value={d.intent} onChange={(e) => change(i, { intent: e.target.value as IntentRule['intent'] })}>
              <Options items={INTENTS} value={(x) => x} />
            </select>
          </label>
          <label>
            when sentiment is{' '}
            <select value={d.sentiment ?? ''} onChange={(e) => change(i, { sentiment: (e.target.value || null) as IntentRule['sentiment'] })}>
              <option value="">any</option>
              <option value="negative">negative</option>
              <option value="neutral">neutral</option>
              <option value="positive">positive</option>
            </select>
          </label>
          <label>
            <input type="checkbox" checked={d.needsQuestionMark} onChange={(e) => change(i, { needsQuestionMark: e.target.checked })} /> needs “?”
          </label>
          <label className="intent-rule__phrases">
            phrases (one per line)
            <textarea rows={3} value={d.phrases} onChange={(e) => change(i, { phrases: e.target.value })} data-testid={`intent-phrases-${i}`} />
          </label>
          <Button variant="danger" onClick={() => setDrafts((ds) => ds && ds.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </fieldset>
      ))}
      <div className="intent-rules__actions">
        <Button
          onClick={() =>
            setDrafts((ds) => [
              ...(ds ?? []),
              { id: `rule-${(ds?.length ?? 0) + 1}`, intent: 'complaint', enabled: true, phrases: '', sentiment: null, needsQuestionMark: false },
            ])
          }
        >
          Add rule
        </Button>
        <Button variant="primary" data-testid="intent-rules-save" busy={saving.pending} onClick={() => save(drafts.map(fromDraft))}>
          Save rules
        </Button>
        <Button busy={saving.pending} onClick={() => save(null)}>
          Restore shipped rules
        </Button>
        {saved && <span data-testid="intent-rules-saved">Saved.</span>}
      </div>
      <ErrorNotice error={problem ?? saving.error} testId="intent-rules-error" />
    </div>
  );
}
