import { createContext, useContext, type ReactNode } from 'react';
import type { RpcClient } from '@shared/rpc/client';

/** The window's one RPC client, for the few components that make calls themselves. */
const ClientContext = createContext<RpcClient | null>(null);

export function ClientProvider({ client, children }: { client: RpcClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): RpcClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientProvider>');
  return client;
}
