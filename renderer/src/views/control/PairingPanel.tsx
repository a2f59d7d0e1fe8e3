/**
 * Pairing walls: a TV that opens the hub shows a code; a lead types it here and picks the display
 * that TV shows. Unpairing ends the TV's session at once.
 */
import type { FormEvent } from 'react';
import type { WallDisplay } from '@shared/contract/wall-schema';
import type { DisplayPairing } from '@shared/domain/people';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, EmptyState, ErrorNotice, Options, Time } from '../../ui';

const REFRESH_MS = 5_000;

export function PairingPanel({ displays }: { displays: WallDisplay[] }) {
  const client = useClient();
  // New codes appear as TVs are switched on; nothing pushes them.
  const list = useQuery('walls.pairing.list', {}, { refreshMs: REFRESH_MS });
  const action = useAction<string>();
  const pairings = list.data?.pairings ?? [];

  const approve = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const code = String(data.get('code') ?? '')
      .trim()
      .toUpperCase();
    const displayId = String(data.get('display') ?? '');
    action.run(async () => {
      await client.call('walls.pairing.approve', { code, displayId });
      form.reset();
      return `paired ${code} with ${displayId}`;
    }, list.reload);
  };

  const revoke = (p: DisplayPairing) =>
    action.run(async () => {
      await client.call('walls.pairing.revoke', { id: p.id });
      return `unpaired the screen of ${p.displayId ?? p.code}`;
    }, list.reload);

  const paired = pairings.filter((p) => p.status === 'paired');
  const pending = pairings.filter((p) => p.status === 'pending');
  return (
    <section className="console__section" data-testid="pairing-panel">
      <h2>Pair a wall screen</h2>
      <EmptyState>
        Open the hub's address on the screen: it shows a code. Enter it here and pick what it shows. A paired screen reads only its display.
      </EmptyState>
      <form className="control__pair" onSubmit={approve} data-testid="pairing-form">
        <label>
          Code
          <input name="code" required maxLength={6} autoComplete="off" spellCheck={false} data-testid="pairing-code-input" />
        </label>
        <label>
          Display
          <select name="display" required data-testid="pairing-display">
            <Options items={displays} value={(d) => d.config.id} label={(d) => d.config.name} />
          </select>
        </label>
        <Button type="submit" variant="primary" data-testid="pairing-approve">
          Pair
        </Button>
      </form>
      <ErrorNotice error={action.error} testId="pairing-message" />
      {action.result && (
        <p className="control__ok" role="status" data-testid="pairing-message">
          {action.result}
        </p>
      )}
      {pending.length > 0 && <EmptyState>Waiting: {pending.map((p) => p.code).join(', ')}</EmptyState>}
      {paired.length > 0 && (
        <ul data-testid="paired-screens">
          {paired.map((p) => (
            <li key={p.id}>
              <bdi>{p.displayId}</bdi>, paired by <bdi>{p.approvedBy}</bdi> {p.approvedAt ? <Time ms={p.approvedAt} /> : ''}{' '}
              <Button onClick={() => revoke(p)} data-testid="pairing-revoke">
                Unpair
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
