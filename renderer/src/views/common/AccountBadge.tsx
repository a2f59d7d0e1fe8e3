import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/contract/areas/accounts';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { currentIdentity, signOut } from '../../lib/identity';

/** Who is signed in, and the way out. Nothing in the hub's own window (the local owner). */
export function AccountBadge() {
  const client = useClient();
  const identity = currentIdentity();
  if (identity === null || identity.kind !== 'person') return null;
  const change = () => {
    const current = window.prompt('Your current passphrase');
    if (!current) return;
    const next = window.prompt(`A new passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters). Your other sessions end.`);
    if (!next) return;
    client.call('account.changePassphrase', { current, passphrase: next }).then(
      () => window.alert('Passphrase changed.'),
      (error: unknown) => window.alert(errorMessage(error)),
    );
  };
  return (
    <div className="console__account" data-testid="account-badge">
      <span>
        <bdi data-testid="account-name">{identity.name}</bdi> <span className="console__role">{identity.role}</span>
      </span>
      <button type="button" onClick={change} data-testid="change-passphrase">
        Passphrase
      </button>
      <button type="button" onClick={() => void signOut()} data-testid="sign-out">
        Sign out
      </button>
    </div>
  );
}
