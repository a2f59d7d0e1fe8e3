import { MIN_PASSPHRASE_LENGTH } from '@shared/contract/areas/accounts';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { Button, ErrorNotice } from '../../ui';
import { currentIdentity, signOut } from '../../lib/identity';

/** Who is signed in, and the way out. Nothing in the hub's own window (the local owner). */
export function AccountBadge() {
  const client = useClient();
  const changing = useAction<unknown>();
  const identity = currentIdentity();
  if (identity === null || identity.kind !== 'person') return null;
  const change = () => {
    const current = window.prompt('Your current passphrase');
    if (!current) return;
    const next = window.prompt(`A new passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters). Your other sessions end.`);
    if (!next) return;
    changing.run(() => client.call('account.changePassphrase', { current, passphrase: next }));
  };
  return (
    <div className="console__account" data-testid="account-badge">
      <span>
        <bdi data-testid="account-name">{identity.name}</bdi> <span className="console__role">{identity.role}</span>
      </span>
      <Button onClick={change} busy={changing.pending} data-testid="change-passphrase">
        Passphrase
      </Button>
      {changing.result !== null && <span role="status">Passphrase changed.</span>}
      <ErrorNotice error={changing.error} />
      <Button onClick={() => void signOut()} data-testid="sign-out">
        Sign out
      </Button>
    </div>
  );
}
