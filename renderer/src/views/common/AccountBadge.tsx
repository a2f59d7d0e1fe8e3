import { currentIdentity, signOut } from '../../lib/identity';

/** Who is signed in, and the way out. Nothing in the hub's own window (the local owner). */
export function AccountBadge() {
  const identity = currentIdentity();
  if (identity === null || identity.kind !== 'person') return null;
  return (
    <div className="console__account" data-testid="account-badge">
      <span>
        <bdi data-testid="account-name">{identity.name}</bdi> <span className="console__role">{identity.role}</span>
      </span>
      <button type="button" onClick={() => void signOut()} data-testid="sign-out">
        Sign out
      </button>
    </div>
  );
}
