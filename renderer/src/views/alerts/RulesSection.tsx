/** The rules: their list, creating one of a chosen kind, and the editor for the one being edited. */
import { useCallback, useEffect, useState } from 'react';
import { RULE_KINDS, type AlertRule, type AlertRuleInput, type RuleKind } from '../../../../shared/domain/alert-rule';
import { newRuleOfKind } from '../../../../shared/logic/alerts/defaults';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { RuleEditor } from './RuleEditor';

export function RulesSection() {
  const client = useClient();
  const [rules, setRules] = useState<AlertRule[]>([]);
  const [topicNames, setTopicNames] = useState<Map<number, string>>(new Map());
  const [editing, setEditing] = useState<{ id: number | null; input: AlertRuleInput; opened: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    client.call('alerts.rules.list', {}).then((r) => setRules(r.rules), (e: unknown) => setError(errorMessage(e)));
    client.call('topics.list', {}).then((r) => setTopicNames(new Map(r.topics.map((t) => [t.id, t.name]))), (e: unknown) => setError(errorMessage(e)));
  }, [client]);
  useEffect(() => client.onHello(() => load()), [client, load]);
  const [kind, setKind] = useState<RuleKind>('keyword');
  return (
    <section className="console__section" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      {error && <p className="alerts-error" role="alert">{error}</p>}
      <table className="rules-table">
        <thead><tr><th>Name</th><th>Kind</th><th>Topic</th><th>Severity</th><th>Enabled</th><th /></tr></thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} data-testid="rule-row" data-rule-id={r.id} data-rule-kind={r.params.kind}>
              <td>{r.name}</td><td>{r.params.kind}</td><td>{r.topicId === null ? 'all mentions' : (topicNames.get(r.topicId) ?? `topic ${r.topicId}`)}</td><td>{r.severity}</td>
              <td>{r.enabled ? 'yes' : 'no'}</td>
              <td>
                <button type="button" data-testid="rule-edit" onClick={() => setEditing({ id: r.id, input: stripRule(r), opened: Date.now() })}>Edit</button>
                <button type="button" data-testid="rule-delete" onClick={() => client.call('alerts.rules.delete', { id: r.id }).then(load, (e: unknown) => setError(errorMessage(e)))}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <select aria-label="Rule kind" data-testid="new-rule-kind" value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
          {RULE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <button type="button" data-testid="new-rule" onClick={() => setEditing({ id: null, input: newRuleOfKind(kind), opened: Date.now() })}>New rule</button>
      </p>
      {editing && <RuleEditor key={`${editing.id ?? 'new'}-${editing.opened}`} id={editing.id} initial={editing.input} onDone={() => { setEditing(null); load(); }} />}
    </section>
  );
}

function stripRule(r: AlertRule): AlertRuleInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = r;
  return input;
}
