/**
 * Pairing walls: a TV that opens the hub shows a code; a lead types it here and picks the display
 * that TV shows. Unpairing ends the TV's session at once.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { WallDisplay } from '../../../../shared/contract/wall-schema';
import type { DisplayPairing } from '../../../../shared/domain/people';
import { useClient } from '../../lib/client-context';
import { formatDateTime } from '../../lib/time-format';
import { errorMessage } from '../../lib/error-message';

const REFRESH_MS = 5_000;

export function PairingPanel({ displays }: { displays: WallDisplay[] }) {
  const client = useClient();
  const [pairings, setPairings] = useState<DisplayPairing[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(() => {
    client.call('walls.pairing.list', {}).then((r) => setPairings(r.pairings), () => undefined);
  }, [client]);
  useEffect(() => client.onHello(load), [client, load]);
  // New codes appear as TVs are switched on.
  useEffect(() => {
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const approve = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const code = String(data.get('code') ?? '').trim().toUpperCase();
    const displayId = String(data.get('display') ?? '');
    client.call('walls.pairing.approve', { code, displayId }).then(
      (r) => {
        setPairings(r.pairings);
        setMessage({ ok: true, text: `paired ${code} with ${displayId}` });
        form.reset();
      },
      (error: unknown) => setMessage({ ok: false, text: errorMessage(error) }),
    );
  };

  const revoke = (p: DisplayPairing) =>
    client.call('walls.pairing.revoke', { id: p.id }).then(
      (r) => {
        setPairings(r.pairings);
        setMessage({ ok: true, text: `unpaired the screen of ${p.displayId ?? p.code}` });
      },
      (error: unknown) => setMessage({ ok: false, text: errorMessage(error) }),
    );

  const paired = pairings.filter((p) => p.status === 'paired');
  const pending = pairings.filter((p) => p.status === 'pending');
  return (
    <section className="console__section" data-testid="pairing-panel">
      <h2>Pair a wall screen</h2>
      <p className="console__empty">Open the hub's address on the screen: it shows a code. Enter it here and pick what it shows. A paired screen reads only its display.</p>
      <form className="control__pair" onSubmit={approve} data-testid="pairing-form">
        <label>
          Code
          <input name="code" required maxLength={6} autoComplete="off" spellCheck={false} data-testid="pairing-code-input" />
        </label>
        <label>
          Display
          <select name="display" required data-testid="pairing-display">
            {displays.map((d) => (
              <option key={d.config.id} value={d.config.id}>
                {d.config.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="pairing-approve">Pair</button>
      </form>
      {message && (
        <p className={message.ok ? 'control__ok' : 'control__error'} role="status" data-testid="pairing-message">
          {message.text}
        </p>
      )}
      {pending.length > 0 && <p className="console__empty">Waiting: {pending.map((p) => p.code).join(', ')}</p>}
      {paired.length > 0 && (
        <ul data-testid="paired-screens">
          {paired.map((p) => (
            <li key={p.id}>
              <bdi>{p.displayId}</bdi>, paired by <bdi>{p.approvedBy}</bdi> {p.approvedAt ? formatDateTime(p.approvedAt) : ''}{' '}
              <button type="button" onClick={() => void revoke(p)} data-testid="pairing-revoke">
                Unpair
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
