import { useState } from 'react';
import type { AuthState } from '../../lib/identity';
import { OwnerSetupPage } from './OwnerSetupPage';
import { PairingPage } from './PairingPage';
import { SignInPage } from './SignInPage';

/** What a browser that is not signed in sees: first start, sign-in, or (on a wall's link) pairing. */
export function AuthGate({ state }: { state: AuthState }) {
  // A TV opened on a wall link has no keyboard worth using: it starts on the pairing code.
  const [pairing, setPairing] = useState(() => /^#\/wall\b/.test(window.location.hash));
  if (state.needsOwner) return <OwnerSetupPage allowed={state.canCreateOwner} />;
  if (pairing) return <PairingPage onSignIn={() => setPairing(false)} />;
  return <SignInPage onPair={() => setPairing(true)} />;
}
