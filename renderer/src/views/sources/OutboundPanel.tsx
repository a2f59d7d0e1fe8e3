import { useEffect, useState } from 'react';
import { parseAllowlist } from '../../../../shared/logic/outbound-allowlist';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';

/**
 * Settings → Outbound: the hosts the core may reach although they resolve to internal addresses
 * (an on-premises feed, a self-hosted instance on the LAN). Checked here with the core's own rules
 * before saving, and saved only whole.
 */
export function OutboundPanel() {
  const client = useClient();
  const [text, setText] = useState('');
  const [saved, setSaved] = useState<string[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const load = () =>
      client.call('sources.outbound.get', {}).then(
        (r) => {
          setSaved(r.hosts);
          setText(r.hosts.join('\n'));
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    return client.onHello(load);
  }, [client]);

  const lines = text.split('\n');
  const problems = parseAllowlist(lines).errors;
  const dirty = saved !== null && text.trim() !== saved.join('\n');

  const onSave = async () => {
    setPending(true);
    setError(null);
    setStatus(null);
    try {
      const r = await client.call('sources.outbound.save', { hosts: lines });
      setSaved(r.hosts);
      setText(r.hosts.join('\n'));
      setStatus(r.hosts.length === 0 ? 'Saved: no internal host is allowed.' : `Saved: ${r.hosts.length} ${r.hosts.length === 1 ? 'entry' : 'entries'} allowed.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="console__section" aria-labelledby="outbound-heading" data-testid="outbound-panel">
      <h2 id="outbound-heading">Outbound</h2>
      <p className="source-sub">
        Feeds, platform APIs, reply sending and webhooks never reach loopback, link-local, private, shared (CGNAT), multicast or cloud metadata addresses, checked after
        every DNS lookup and redirect. To reach an on-premises server, list it here, one a line: a host name (<code>feeds.intra.example</code>), a domain
        (<code>*.intra.example</code>), an address (<code>10.1.2.3</code>) or a range (<code>10.20.0.0/16</code>).
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
      <button type="button" className="btn btn--primary" data-testid="outbound-save" disabled={!dirty || pending || problems.length > 0} onClick={() => void onSave()}>
        {pending ? 'Saving…' : 'Save allowed hosts'}
      </button>
      {status && (
        <div className="call-result" role="status" data-testid="outbound-status">
          {status}
        </div>
      )}
      {error && (
        <div className="call-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
