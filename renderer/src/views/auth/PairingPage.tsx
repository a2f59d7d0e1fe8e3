import { useEffect, useState } from 'react';
import { postAuth } from '../../lib/identity';
import { Button, ErrorNotice } from '../../ui';
import './auth.css';

const POLL_MS = 2_000;

type PairState =
  { status: 'pending'; code: string; expiresAt: number } | { status: 'paired'; displayId: string } | { status: 'revoked' | 'expired' | 'unknown' };

/**
 * A wall TV: shows a code for a lead to approve in Walls control, waits, and once paired opens its
 * display. An expired code is replaced by a fresh one, so a TV left on this page keeps working.
 */
export function PairingPage({ onSignIn }: { onSignIn: () => void }) {
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const start = () =>
      postAuth<{ code: string }>('/api/pair/start', {}).then(
        (r) => {
          setError(null);
          setCode(r.code);
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      );
    const poll = async () => {
      try {
        const res = await fetch('/api/pair/status', { cache: 'no-store', credentials: 'same-origin' });
        const state = (await res.json()) as PairState;
        if (stopped) return;
        if (state.status === 'paired') {
          window.location.hash = `#/wall?display=${encodeURIComponent(state.displayId)}`;
          window.location.reload();
          return;
        }
        if (state.status !== 'pending') await start();
      } catch {
        // The hub restarting: keep showing the code and try again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, []);

  return (
    <main className="auth auth--pair">
      <div className="auth__card" data-testid="pairing-page">
        <span className="auth__logo">EARSHOT</span>
        <h1>Pair this screen</h1>
        <p className="auth__hint">A lead enters this code in Walls control and picks the display this screen shows.</p>
        <p className="auth__code" data-testid="pairing-code">
          {code ?? '······'}
        </p>
        <ErrorNotice className="auth__error" error={error} />
        <Button className="auth__link" onClick={onSignIn}>
          Sign in as a person instead
        </Button>
      </div>
    </main>
  );
}
