/**
 * Sending a sign-in or first-start form: one request at a time, its error shown as text, and a
 * reload on success (the hub has set the session cookie; the app then loads signed in).
 */
import { useState } from 'react';
import { postAuth } from '../../lib/identity';

export function useAuthPost(path: string): {
  busy: boolean;
  error: string | null;
  fail: (message: string) => void;
  send: (body: Record<string, unknown>) => void;
} {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = (body: Record<string, unknown>): void => {
    setBusy(true);
    setError(null);
    postAuth(path, body).then(
      () => window.location.reload(),
      (err: unknown) => {
        setBusy(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  return { busy, error, fail: setError, send };
}
