/**
 * The real core services on a temporary data folder with a clock the test moves, the demo source
 * polled in simulated time with alert evaluation, and windows that call the contract exactly as a
 * wall does (through a session).
 */
import { LOCAL_OWNER } from '../../../support/local-owner';
import { afterEach } from 'vitest';
import { createHandlers } from '../../../../electron/core/api/handlers';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openSession } from '../../../../electron/core/live/session';
import { DemoSource } from '../../../../electron/core/sources/demo/demo-source';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { TestWindow } from '../care/care-harness';
import { createSource } from '../../../support/core-helpers';

export interface ReviewHarness {
  store: Store;
  services: CoreServices;
  clock: { now: number };
  window(): TestWindow;
  /** Polls the demo every 2 s of simulated time for `minutes`, evaluating alert rules every 10 s. */
  runDemo(demo: DemoSource, minutes: number): Promise<void>;
  close(): void;
}

export function openReviewHarness(dataDir: string, start: number): ReviewHarness {
  const store = openStore(dataDir);
  const clock = { now: start };
  const logger = createMemoryLogger();
  const services = buildServices(store, logger, () => clock.now, { webhook: { host: '127.0.0.1', port: 0 } });
  if (!store.sources.get('demo')) createSource(store, 'demo');
  const handlers = createHandlers(services, () => {
    throw new Error('health is not part of these tests');
  });
  const windows: TestWindow[] = [];
  let nextEval = start;
  return {
    store,
    services,
    clock,
    window() {
      const w = new TestWindow((send) =>
        openSession({ hub: services.hub, handlers, logger, version: 'test', dataDir, now: () => clock.now, caller: LOCAL_OWNER }, send),
      );
      windows.push(w);
      return w;
    },
    async runDemo(demo, minutes) {
      let cursor: string | null = store.sources.get('demo')?.cursor ?? null;
      const end = clock.now + minutes * 60_000;
      while (clock.now < end) {
        clock.now += 2_000;
        const result = await demo.poll({ cursor, now: clock.now } as Parameters<DemoSource['poll']>[0]);
        cursor = result.cursor;
        const ingested = services.pipeline.ingest('demo', result.items, cursor);
        services.alerts.checkMentions(ingested.stored);
        if (clock.now >= nextEval) {
          services.alerts.evaluate([]);
          nextEval = clock.now + 10_000;
        }
      }
    },
    close() {
      for (const w of windows) w.session.close();
      services.care.stop();
      services.alertDelivery.stop();
      services.topics.stop();
      services.workspaces.closeAll();
      store.close();
    },
  };
}

/**
 * Call at the top level of a test file: a factory of harnesses starting at `start` (on a new
 * temporary folder unless given one), each closed after its test unless the test closed it.
 */
export function useReviewHarnesses(tempDir: () => string, start: number): (dir?: string) => ReviewHarness {
  const open = new Set<ReviewHarness>();
  afterEach(() => {
    for (const h of [...open]) h.close();
  });
  return (dir = tempDir()) => {
    const h = openReviewHarness(dir, start);
    // A test may close one itself (a restart): once closed it is not closed again.
    const close = h.close.bind(h);
    h.close = () => {
      if (open.delete(h)) close();
    };
    open.add(h);
    return h;
  };
}
