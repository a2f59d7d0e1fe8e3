/** What every widget on a wall page needs besides its own options. */
import { createContext, useContext } from 'react';
import type { WallLayoutDoc } from '@shared/contract/wall-schema';
import { maskPersonalData } from '@shared/logic/walls/mask-personal-data';

export interface WallContextValue {
  doc: WallLayoutDoc;
  /** Public-screen-safe: aggregates only, no handles, personal data masked. */
  publicSafe: boolean;
}

export const WallContext = createContext<WallContextValue | null>(null);

export function useWallContext(): WallContextValue {
  const value = useContext(WallContext);
  if (!value) throw new Error('a wall widget outside <WallContext>');
  return value;
}

/** Text from strangers as this screen may show it. */
export function useSafeText(): (text: string) => string {
  const { publicSafe } = useWallContext();
  return publicSafe ? maskPersonalData : identity;
}

function identity(text: string): string {
  return text;
}
