import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_OWNER } from '../../../support/local-owner';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices } from '../../../../electron/core/app/services';
import { wireLivePushes } from '../../../../electron/core/live/pushes';
import { openSession } from '../../../../electron/core/live/session';
import { createHandlers } from '../../../../electron/core/api/handlers';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { useTempDirs, waitFor } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function wire(store: Store) {
  const logger = createMemoryLogger();
  const services = buildServices(store, logger);
  const { pipeline, scheduler, alerts, hub } = services;
  const stop = wireLivePushes({
    hub,
    store,
    pipeline,
    scheduler,
    alerts,
    now: Date.now,
    timings: { heartbeatEveryMs: 50, authorsEveryMs: 1_000, healthEveryMs: 1_000, alertsEveryMs: 1_000 },
  });
  const handlers = createHandlers(services, () => {
    throw new Error('unused');
  });
  cleanups.push(stop, () => store.close());
  return (send: (frame: string) => void) => openSession({ hub, handlers, logger, version: 't', dataDir: 'd', now: Date.now, caller: LOCAL_OWNER }, send);
}

describe('heartbeat', () => {
  it('ticks every connected window, subscribed or not, and stops when the window closes', async () => {
    const open = wire(openStore(tempDir()));
    const frames: string[] = [];
    const session = open((frame) => frames.push(frame));
    const ticks = () => frames.map((f) => JSON.parse(f) as { t: string; serverTime?: number }).filter((f) => f.t === 'tick');
    await waitFor('three ticks', () => ticks().length >= 3);
    expect(typeof ticks()[0]?.serverTime).toBe('number');
    session.close();
    const after = frames.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(frames.length).toBe(after);
  });
});
