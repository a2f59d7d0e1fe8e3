/**
 * The core's long-lived parts, built once per data folder. Start-up and tests build them the same
 * way, so a test exercises exactly the wiring the app runs. Each area adds its own service here.
 */
import { AlertService } from '../alerts/alert-service';
import { LiveHub } from '../live/hub';
import { IngestPipeline } from '../pipeline/ingest';
import { Scheduler } from '../scheduler/scheduler';
import type { Store } from '../store/store';
import type { Logger } from './core-api';

export interface CoreServices {
  store: Store;
  logger: Logger;
  now: () => number;
  pipeline: IngestPipeline;
  scheduler: Scheduler;
  alerts: AlertService;
  hub: LiveHub;
}

export function buildServices(store: Store, logger: Logger, now: () => number = Date.now): CoreServices {
  const pipeline = new IngestPipeline(store, logger, now);
  const scheduler = new Scheduler(store, pipeline, logger, { now });
  const alerts = new AlertService(store, logger, now);
  const hub = new LiveHub();
  return { store, logger, now, pipeline, scheduler, alerts, hub };
}
