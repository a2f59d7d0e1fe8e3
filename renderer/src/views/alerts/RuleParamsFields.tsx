/** The fields for a rule's kind-specific parameters. */
import type { AlertRuleInput } from '../../../../shared/domain/alert-rule';

const PARAM_LABELS: Record<string, string> = {
  sensitivity: 'Sensitivity (σ above the expectation)',
  minCount: 'Minimum count',
  minRatio: 'Minimum × the expectation',
  baselineMinutes: 'Trailing baseline (min)',
  seasonal: 'Compare with the same time on previous days',
  criticalRatio: 'Critical from × the expectation (empty: never)',
  minShare: 'Negative share that fires on its own (0–1)',
  minFollowers: 'Minimum followers (empty: ignore)',
  minClout: 'Minimum clout 0–100 (empty: ignore)',
  useWatchlists: 'Authors on a watchlist count',
  negativeOnly: 'Negative mentions only',
  criticalFollowers: 'Critical from followers (empty: never)',
  query: 'Query (topic language)',
  windowMinutes: 'Window (min)',
  targetMinutes: 'Answer within (min)',
  sourceId: 'Source id (empty: every source)',
};
/** Parameters that may be empty (null). */
const NULLABLE = new Set(['criticalRatio', 'minFollowers', 'minClout', 'criticalFollowers', 'sourceId']);
const TEXT_PARAMS = new Set(['query', 'sourceId']);

/** One typed field per parameter of the rule's kind; the core checks the values (zod) on backtest and save. */
export function RuleParamsFields({ params, onChange }: { params: AlertRuleInput['params']; onChange: (params: AlertRuleInput['params']) => void }) {
  const entries = Object.entries(params).filter(([key]) => key !== 'kind');
  const update = (key: string, value: unknown): void => onChange({ ...params, [key]: value } as AlertRuleInput['params']);
  return (
    <>
      {entries.map(([key, value]) => {
        const label = PARAM_LABELS[key] ?? key;
        const testId = `rule-param-${key}`;
        if (typeof value === 'boolean') {
          return <label key={key}><input type="checkbox" data-testid={testId} checked={value} onChange={(e) => update(key, e.target.checked)} /> {label}</label>;
        }
        if (TEXT_PARAMS.has(key)) {
          return (
            <label key={key} className={key === 'query' ? 'rule-editor__query' : undefined}>{label}
              <input data-testid={testId} value={typeof value === 'string' ? value : ''} maxLength={1000}
                onChange={(e) => update(key, e.target.value === '' && NULLABLE.has(key) ? null : e.target.value)} />
            </label>
          );
        }
        return (
          <label key={key}>{label}
            <input data-testid={testId} inputMode="decimal" defaultValue={value === null ? '' : String(value)}
              onChange={(e) => {
                const text = e.target.value.trim();
                update(key, text === '' && NULLABLE.has(key) ? null : Number(text));
              }} />
          </label>
        );
      })}
    </>
  );
}
