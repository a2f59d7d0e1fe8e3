/**
 * The composition root: the only place that knows how the core's parts fit together.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HealthReport } from '../../../shared/domain/health';
import { sourceFreshness } from '../../../shared/logic/freshness';
import { readLayout, writeLayout } from '../api/core-handlers';
import { createHandlers } from '../api/handlers';
import { wireLivePushes } from '../live/pushes';
import { openSession } from '../live/session';
import { SourceConfigError } from '../sources/adapter';
import { createAdapter } from '../sources/registry';
import { openStore } from '../store/store';
import type { Core, CoreOptions } from './core-api';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { createConsoleLogger } from './logger';
import { buildServices } from './services';
import { setUpSources } from './source-setup';

export async function startCore(options: CoreOptions): Promise<Core> {
  const dataDir = resolve(options.dataDir);
  const logger = options.logger ?? createConsoleLogger();
  const now = Date.now;
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  const store = openOrRelease(lock, () => {
    const opened = openStore(dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      setUpSources(opened, options, now());
    } catch (error) {
      opened.close();
      throw error;
    }
    return opened;
  });
  const startedAt = now();
  const services = buildServices(store, logger, now);
  const { pipeline, scheduler, alerts, hub } = services;

  for (const record of store.sources.list()) {
    try {
      scheduler.add(record, createAdapter(record));
    } catch (error) {
      // One source with broken settings is shown as failing; the others still start.
      const message = error instanceof SourceConfigError ? error.message : `cannot start: ${String(error)}`;
      logger.error('source not started', { source: record.id, error: message });
      scheduler.add(record, null, message);
    }
  }

  const health = (): HealthReport => {
    const sources = scheduler.health();
    const at = now();
    const degraded = sources.some((s) => {
      const f = sourceFreshness(s, at);
      return f === 'failing' || f === 'stale';
    });
    return {
      status: degraded ? 'degraded' : 'ok',
      version: options.version,
      uptimeSeconds: Math.round((at - startedAt) / 1000),
      startedAt,
      mentions: store.mentions.count(),
      dataDir,
      sources,
    };
  };

  const handlers = createHandlers(services, health);
  const stopPushes = wireLivePushes({ hub, store, pipeline, scheduler, alerts, now });
  scheduler.start();
  logger.info('core started', { dataDir, version: options.version, sources: scheduler.health().length });

  let stopped: Promise<void> | null = null;
  return {
    dataDir,
    version: options.version,
    openSession: (send) => openSession({ hub, handlers, logger, version: options.version, dataDir, now }, send),
    health,
    getLayout: () => readLayout(store),
    setLayout: (layout) => writeLayout(store, layout),
    stop() {
      stopped ??= (async () => {
        scheduler.stop();
        stopPushes();
        store.close();
        lock.release();
        logger.info('core stopped', { dataDir });
      })();
      return stopped;
    },
  };
}

/** A start that fails after taking the data-folder lock must give it back. */
function openOrRelease<T>(lock: DataDirLock, open: () => T): T {
  try {
    return open();
  } catch (error) {
    lock.release();
    throw error;
  }
}
