/**
 * Starts one window: pick the transport (Electron bridge or serve mode's WebSocket), create the
 * window's single RPC client, keep the connection and clock state current, and render. A browser first asks the
 * hub who it is: without a sign-in it gets the sign-in, first-start or pairing page, and no socket.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RpcClient } from '@shared/rpc/client';
import { App } from './app/App';
import { ClientProvider } from './lib/client-context';
import { fetchAuthState, setIdentity } from './lib/identity';
import { startSessionSync } from './sync/session-sync';
import { startReplayDriver } from './replay/replay-driver';
import { createPipe } from './transport/create-pipe';
import { AuthGate } from './views/auth/AuthGate';
import './styles/theme.css';
import './ui/ui.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);

// The replay driver first, before anything loads: a window opened on a replay link must never
// show live data first.
startReplayDriver();

function startApp(): void {
  const client = new RpcClient(createPipe());
  startSessionSync(client);
  root.render(
    <StrictMode>
      <ClientProvider client={client}>
        <App />
      </ClientProvider>
    </StrictMode>,
  );
}

async function start(): Promise<void> {
  // The Electron window is the local owner: no sign-in.
  if (window.earshotBridge) return startApp();
  for (;;) {
    try {
      const state = await fetchAuthState();
      if (state.signedIn && state.identity) {
        setIdentity(state.identity);
        return startApp();
      }
      root.render(
        <StrictMode>
          <AuthGate state={state} />
        </StrictMode>,
      );
      return;
    } catch {
      // The hub is not up yet (a wall TV switched on before it): try again shortly.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

void start();
