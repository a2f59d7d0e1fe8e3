import { useState, type FormEvent } from 'react';
import { useAuthPost } from './use-auth-post';
import { Button, ErrorNotice } from '../../ui';
import './auth.css';

/** Name and passphrase; the hub answers with an HttpOnly session cookie, then the app loads. */
export function SignInPage({ onPair }: { onPair: () => void }) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, send } = useAuthPost('/api/auth/sign-in');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ name: name.trim(), passphrase });
  };

  return (
    <main className="auth">
      <form className="auth__card" onSubmit={submit} data-testid="sign-in-form">
        <span className="auth__logo">EARSHOT</span>
        <h1>Sign in</h1>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="username" maxLength={100} required data-testid="sign-in-name" />
        </label>
        <label>
          Passphrase
          <input
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            autoComplete="current-password"
            maxLength={1000}
            required
            data-testid="sign-in-passphrase"
          />
        </label>
        <ErrorNotice className="auth__error" error={error} testId="sign-in-error" />
        <Button type="submit" variant="primary" disabled={busy} data-testid="sign-in-submit">
          Sign in
        </Button>
        <Button className="auth__link" onClick={onPair} data-testid="pair-this-screen">
          This is a wall screen: pair it with a code
        </Button>
      </form>
    </main>
  );
}
