/**
 * The real core services on a temporary data folder, with a clock the test moves, and windows
 * (sessions) that call the contract exactly as the renderer does.
 */
import { LOCAL_OWNER } from '../../../support/local-owner';
import type { Caller } from '@shared/contract/access';
import type { ApiMethod, ApiParams, ApiResult } from '@shared/contract/api';
import type { ServerFrame } from '@shared/contract/frames';
import type { MentionInput } from '@shared/domain/mention';
import { createHandlers } from '../../../../electron/core/api/handlers';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openSession } from '../../../../electron/core/live/session';
import { openStore } from '../../../../electron/core/store/store';
import { createSource, mentionInput, waitFor } from '../../../support/core-helpers';
import { allowLocalServers } from '../../../support/outbound';

export const T0 = Date.UTC(2026, 10, 18, 10, 0, 0); // a Wednesday, 10:00 UTC

export interface Harness {
  services: CoreServices;
  clock: { now: number };
  logger: ReturnType<typeof createMemoryLogger>;
  ingest(items: MentionInput[], sourceId?: string): ReturnType<CoreServices['pipeline']['ingest']>;
  /** A window signed in as `caller` (the local owner unless given). */
  window(caller?: Caller): TestWindow;
  close(): void;
}

export function openHarness(dataDir: string): Harness {
  const store = openStore(dataDir);
  const clock = { now: T0 };
  const logger = createMemoryLogger();
  // The local platform servers are allowed the way an admin allows an on-premises host.
  allowLocalServers(store);
  const services = buildServices(store, logger, () => clock.now, { webhook: { host: '127.0.0.1', port: 0 } });
  createSource(store, 'src');
  const handlers = createHandlers(services, () => {
    throw new Error('health is not part of these tests');
  });
  const windows: TestWindow[] = [];
  return {
    services,
    clock,
    logger,
    ingest: (items, sourceId = 'src') => services.pipeline.ingest(sourceId, items, null),
    window(caller: Caller = LOCAL_OWNER) {
      const w = new TestWindow((send) => openSession({ hub: services.hub, handlers, logger, version: 'test', dataDir, now: () => clock.now, caller }, send));
      windows.push(w);
      return w;
    },
    close() {
      for (const w of windows) w.session.close();
      services.care.stop();
      store.close();
    },
  };
}

export class TestWindow {
  readonly frames: ServerFrame[] = [];
  readonly session: ReturnType<typeof openSession>;
  private nextId = 1;

  constructor(open: (send: (frame: string) => void) => ReturnType<typeof openSession>) {
    this.session = open((frame) => this.frames.push(JSON.parse(frame) as ServerFrame));
  }

  async call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const id = this.nextId++;
    this.session.receive(JSON.stringify({ t: 'req', id, method, params }));
    const frame = await waitFor(`the answer to ${method}`, () => this.frames.find((f) => f.t === 'res' && f.id === id));
    if (frame.t !== 'res') throw new Error('unreachable');
    if (!frame.ok) throw Object.assign(new Error(frame.error.message), { code: frame.error.code });
    return frame.result as ApiResult<M>;
  }

  subscribe(topic: string): void {
    this.session.receive(JSON.stringify({ t: 'sub', topic }));
  }

  events<T = unknown>(topic: string): T[] {
    return this.frames.filter((f) => f.t === 'evt' && f.topic === topic).map((f) => (f as { payload: T }).payload);
  }
}

export function post(externalId: string, patch: Partial<MentionInput> = {}): MentionInput {
  return mentionInput(externalId, { publishedAt: T0 - 60_000, ...patch });
}
