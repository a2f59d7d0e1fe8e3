import { useState } from 'react';
import { parseAllowlist } from '@shared/logic/outbound-allowlist';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, ErrorNotice } from '../../ui';

/**
 * Settings → Outbound: the hosts the core may reach although they resolve to internal addresses
 * (an on-premises feed, a self-hosted instance on the LAN). Checked here with the core's own rules
 * before saving, and saved only whole.
 */
export function OutboundPanel() {
  const client = useClient();
  const stored = useQuery('sources.outbound.get', {});
  const saving = useAction<string[]>();
  const [edited, setEdited] = useState<string | null>(null);
  const saved = saving.result ?? stored.data?.hosts ?? null;
  // Until someone types, the box shows what is stored (again after a reconnect asks anew).
  const text = edited ?? saved?.join('\n') ?? '';
  const setText = setEdited;

  const lines = text.split('\n');
  const problems = parseAllowlist(lines).errors;
  const dirty = saved !== null && text.trim() !== saved.join('\n');

  const onSave = () =>
    saving.run(
      async () => (await client.call('sources.outbound.save', { hosts: lines })).hosts,
      () => setEdited(null),
    );
  const status =
    saving.result === null
      ? null
      : saving.result.length === 0
        ? 'Saved: no internal host is allowed.'
        : `Saved: ${saving.result.length} ${saving.result.length === 1 ? 'entry' : 'entries'} allowed.`;

  return (
    <section className="console__section" aria-labelledby="outbound-heading" data-testid="outbound-panel">
      <h2 id="outbound-heading">Outbound</h2>
      <p className="source-sub">
        Feeds, platform APIs, reply sending and webhooks never reach loopback, link-local, private, shared (CGNAT), multicast or cloud metadata addresses,
        checked after every DNS lookup and redirect. To reach an on-premises server, list it here, one a line: a host name (<code>feeds.intra.example</code>), a
        domain (<code>*.intra.example</code>), an address (<code>10.1.2.3</code>) or a range (<code>10.20.0.0/16</code>).
      </p>
      <label className="outbound-list">
        <span className="source-sub">Allowed internal hosts</span>
        <textarea data-testid="outbound-hosts" rows={4} spellCheck={false} value={text} disabled={saved === null} onChange={(e) => setText(e.target.value)} />
      </label>
      {problems.length > 0 && (
        <ul className="call-error" data-testid="outbound-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <Button variant="primary" data-testid="outbound-save" busy={saving.pending} disabled={!dirty || problems.length > 0} onClick={onSave}>
        {saving.pending ? 'Saving…' : 'Save allowed hosts'}
      </Button>
      {status && !dirty && (
        <div className="call-result" role="status" data-testid="outbound-status">
          {status}
        </div>
      )}
      <ErrorNotice error={saving.error ?? stored.error} />
    </section>
  );
}
