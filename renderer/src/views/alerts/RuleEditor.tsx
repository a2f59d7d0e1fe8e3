/** Edits a rule (new or saved) and backtests the draft before it is saved. */
import { useState } from 'react';
import { ALERT_SEVERITIES } from '@shared/domain/alert';
import type { AlertRuleInput, BacktestResult } from '@shared/domain/alert-rule';
import type { Topic } from '@shared/domain/topic';
import { useLive } from '../../data/use-live';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { RULE_KIND_SPECS } from '@shared/contract/alert-rule-kinds';
import { BacktestChart } from './BacktestChart';
import { RuleParamsFields } from './RuleParamsFields';
import { Button, Options } from '../../ui';

export function RuleEditor({ id, initial, onDone }: { id: number | null; initial: AlertRuleInput; onDone: () => void }) {
  const client = useClient();
  const [input, setInput] = useState(initial);
  const [backtest, setBacktest] = useState<BacktestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [days, setDays] = useState(1);
  const topicList = useLive<Topic[]>({ key: 'topics.list', load: (c) => c.call('topics.list', {}).then((r) => r.topics) });
  const topics = topicList.data ?? [];

  const draft = (): AlertRuleInput | null => input;
  const runBacktest = (): void => {
    const rule = draft();
    if (!rule) return;
    setError(null);
    const to = Date.now();
    client.call('alerts.rules.backtest', { rule, from: to - days * 24 * 3_600_000, to }).then(setBacktest, (e: unknown) => setError(errorMessage(e)));
  };
  const save = (): void => {
    const rule = draft();
    if (!rule) return;
    client.call('alerts.rules.save', { id, rule }).then(onDone, (e: unknown) => setError(errorMessage(e)));
  };
  const set = <K extends keyof AlertRuleInput>(key: K, value: AlertRuleInput[K]): void => setInput((s) => ({ ...s, [key]: value }));

  return (
    <form
      className="rule-editor"
      data-testid="rule-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label>
        Name <input data-testid="rule-name" value={input.name} maxLength={120} onChange={(e) => set('name', e.target.value)} />
      </label>
      <label>
        Topic
        <select data-testid="rule-topic" value={input.topicId ?? ''} onChange={(e) => set('topicId', e.target.value === '' ? null : Number(e.target.value))}>
          <Options items={topics} value={(t) => t.id} label={(t) => t.name} empty="All mentions" />
        </select>
      </label>
      <label>
        Severity{' '}
        <select data-testid="rule-severity" value={input.severity} onChange={(e) => set('severity', e.target.value as AlertRuleInput['severity'])}>
          {ALERT_SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Cooldown (min){' '}
        <input
          type="number"
          data-testid="rule-cooldown"
          value={input.cooldownMinutes}
          min={0}
          onChange={(e) => set('cooldownMinutes', Number(e.target.value))}
        />
      </label>
      <label>
        Must persist for (min){' '}
        <input type="number" data-testid="rule-persist" value={input.persistMinutes} min={0} onChange={(e) => set('persistMinutes', Number(e.target.value))} />
      </label>
      <label>
        Quiet hours{' '}
        <input
          data-testid="rule-quiet"
          placeholder="22:00-07:00"
          defaultValue={input.quietHours ? `${input.quietHours.from}-${input.quietHours.to}` : ''}
          onChange={(e) => {
            const [from, to] = e.target.value.split('-').map((s) => s.trim());
            set('quietHours', from && to ? { from, to } : null);
          }}
        />
      </label>
      <label>
        <input type="checkbox" data-testid="rule-enabled" checked={input.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled
      </label>
      <fieldset className="rule-editor__params" data-testid="rule-params" data-kind={input.params.kind}>
        <legend>{RULE_KIND_SPECS[input.params.kind].title} settings</legend>
        <RuleParamsFields params={input.params} onChange={(params) => set('params', params)} />
      </fieldset>
      {(error ?? topicList.error) && (
        <p className="alerts-error" role="alert" data-testid="rule-error">
          {error ?? topicList.error}
        </p>
      )}
      <div className="rule-editor__actions">
        <label>
          Backtest over{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[1, 7, 30].map((d) => (
              <option key={d} value={d}>
                {d} day{d > 1 ? 's' : ''}
              </option>
            ))}
          </select>
        </label>
        <Button data-testid="rule-backtest" onClick={runBacktest}>
          Backtest
        </Button>
        <Button type="submit" variant="primary" data-testid="rule-save">
          Save
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
      {backtest && <BacktestChart result={backtest} />}
    </form>
  );
}
