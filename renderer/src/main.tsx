/**
 * Starts one window: pick the transport (Electron bridge or serve mode's WebSocket), create the
 * window's single RPC client, start keeping the stores live, and render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RpcClient } from '../../shared/rpc/client';
import { App } from './app/App';
import { ClientProvider } from './lib/client-context';
import { startLiveSync } from './sync/live-sync';
import { startReplaySync } from './sync/replay-sync';
import { startReplayDriver } from './replay/replay-driver';
import { createPipe } from './transport/create-pipe';
import './styles/theme.css';

const client = new RpcClient(createPipe());
// The replay driver first: a window opened on a replay link must never show live data first.
startReplayDriver();
startLiveSync(client);
startReplaySync(client);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ClientProvider client={client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
