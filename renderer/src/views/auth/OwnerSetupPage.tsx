import { useState, type FormEvent } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '@shared/contract/areas/accounts';
import { useAuthPost } from './use-auth-post';
import { Button, ErrorNotice } from '../../ui';
import './auth.css';

/** First start, on the hub itself: the owner becomes the first admin. */
export function OwnerSetupPage({ allowed }: { allowed: boolean }) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, fail, send } = useAuthPost('/api/auth/owner');

  if (!allowed) {
    return (
      <main className="auth">
        <div className="auth__card" data-testid="owner-remote">
          <span className="auth__logo">EARSHOT</span>
          <h1>Not set up yet</h1>
          <p className="auth__hint">
            This hub has no owner yet. Open it on the hub machine itself (http://127.0.0.1 or http://localhost) to create the owner; then the owner adds
            everyone else.
          </p>
        </div>
      </main>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (passphrase !== repeat) {
      fail('the two passphrases differ');
      return;
    }
    send({ name: name.trim(), passphrase });
  };

  return (
    <main className="auth">
      <form className="auth__card" onSubmit={submit} data-testid="owner-form">
        <span className="auth__logo">EARSHOT</span>
        <h1>Create the owner</h1>
        <p className="auth__hint">
          The first person is the owner: an admin who adds people, pairs walls and sets up sources. Only possible on the hub machine itself.
        </p>
        <label>
          Your name
          <input value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="username" maxLength={100} required data-testid="owner-name" />
        </label>
        <label>
          Passphrase (at least {MIN_PASSPHRASE_LENGTH} characters)
          <input
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            autoComplete="new-password"
            minLength={MIN_PASSPHRASE_LENGTH}
            maxLength={1000}
            required
            data-testid="owner-passphrase"
          />
        </label>
        <label>
          The passphrase again
          <input
            type="password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            autoComplete="new-password"
            maxLength={1000}
            required
            data-testid="owner-passphrase-repeat"
          />
        </label>
        <ErrorNotice className="auth__error" error={error} />
        <Button type="submit" variant="primary" disabled={busy} data-testid="owner-submit">
          Create the owner and sign in
        </Button>
      </form>
    </main>
  );
}
