/** The rules: their list, creating one of a chosen kind, and the editor for the one being edited. */
import { useState } from 'react';
import { RULE_KIND_SPECS } from '@shared/contract/alert-rule-kinds';
import { RULE_KINDS, type AlertRule, type AlertRuleInput, type RuleKind } from '@shared/domain/alert-rule';
import { newRuleOfKind } from '@shared/logic/alerts/defaults';
import { apiAccess } from '@shared/contract/api';
import { useLive } from '../../data/use-live';
import { mayUse } from '../../lib/identity';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { RuleEditor } from './RuleEditor';
import { useKept } from './use-kept';
import { Button, Options } from '../../ui';

export function RulesSection() {
  const client = useClient();
  // Bumped after a change: the key moves and the rules are read again.
  const [changes, setChanges] = useState(0);
  const live = useLive({
    key: `alerts.rules:${changes}`,
    load: async (c) => {
      const [r, t] = await Promise.all([c.call('alerts.rules.list', {}), c.call('topics.list', {})]);
      return { rules: r.rules, topicNames: new Map(t.topics.map((x) => [x.id, x.name])) };
    },
  });
  const data = useKept(live.data);
  const rules: AlertRule[] = data?.rules ?? [];
  const topicNames: ReadonlyMap<number, string> = data?.topicNames ?? new Map();
  const [editing, setEditing] = useState<{ id: number | null; input: AlertRuleInput; opened: number } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const error = actionError ?? live.error;
  const load = (): void => setChanges((n) => n + 1);
  // Agents read the rules; changing them is a lead's.
  const mayEdit = mayUse(apiAccess['alerts.rules.save'].role);
  const [kind, setKind] = useState<RuleKind>('keyword');
  return (
    <section className="console__section" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Rules</h2>
      {error && (
        <p className="alerts-error" role="alert">
          {error}
        </p>
      )}
      {data !== null && rules.length === 0 && (
        <p className="alerts-empty" data-testid="no-rules">
          No rules: nothing can fire. Create one of a kind below.
        </p>
      )}
      <table className="rules-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Kind</th>
            <th>Topic</th>
            <th>Severity</th>
            <th>Enabled</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} data-testid="rule-row" data-rule-id={r.id} data-rule-kind={r.params.kind}>
              <td>{r.name}</td>
              <td>{RULE_KIND_SPECS[r.params.kind].title}</td>
              <td>{r.topicId === null ? 'all mentions' : (topicNames.get(r.topicId) ?? `topic ${r.topicId}`)}</td>
              <td>{r.severity}</td>
              <td>{r.enabled ? 'yes' : 'no'}</td>
              <td>
                {mayEdit && (
                  <>
                    <Button data-testid="rule-edit" onClick={() => setEditing({ id: r.id, input: stripRule(r), opened: Date.now() })}>
                      Edit
                    </Button>
                    <Button
                      variant="danger"
                      data-testid="rule-delete"
                      onClick={() =>
                        client.call('alerts.rules.delete', { id: r.id }).then(
                          () => {
                            setActionError(null);
                            load();
                          },
                          (e: unknown) => setActionError(errorMessage(e)),
                        )
                      }
                    >
                      Delete
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayEdit && (
        <div className="rules-new">
          <label>
            New rule of kind
            <select data-testid="new-rule-kind" value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
              <Options items={RULE_KINDS} value={(k) => k} label={(k) => RULE_KIND_SPECS[k].title} />
            </select>
          </label>
          <Button variant="primary" data-testid="new-rule" onClick={() => setEditing({ id: null, input: newRuleOfKind(kind), opened: Date.now() })}>
            New rule
          </Button>
          <p className="rules-new__about" data-testid="new-rule-about">
            {RULE_KIND_SPECS[kind].description}
          </p>
        </div>
      )}
      {editing && (
        <RuleEditor
          key={`${editing.id ?? 'new'}-${editing.opened}`}
          id={editing.id}
          initial={editing.input}
          onDone={() => {
            setEditing(null);
            load();
          }}
        />
      )}
    </section>
  );
}

function stripRule(r: AlertRule): AlertRuleInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = r;
  return input;
}
