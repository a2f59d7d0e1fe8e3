/**
 * The core's implementation of every call in `shared/contract/api.ts`, merged from one factory per
 * area. Each factory implements exactly its area's calls, so the compiler names a missing one.
 */
import type { HealthReport } from '@shared/domain/health';
import type { CoreServices } from '../app/services';
import type { ApiHandlers } from '../live/session';
import { alertingHandlers } from './alerting-handlers';
import { careHandlers } from './care-handlers';
import { coreHandlers } from './core-handlers';
import { listeningHandlers } from './listening-handlers';
import { understandingHandlers } from './understanding-handlers';
import { wallsHandlers } from './walls-handlers';
import { reviewHandlers } from './review-handlers';
import { bundlesHandlers } from './bundles-handlers';
import { reportsHandlers } from './reports-handlers';
import { drillsHandlers } from './drills-handlers';
import { accountsHandlers } from './accounts-handlers';
import { signalsHandlers } from './signals-handlers';

export function createHandlers(services: CoreServices, health: () => HealthReport): ApiHandlers {
  return {
    ...coreHandlers(services, health),
    ...listeningHandlers(services),
    ...understandingHandlers(services),
    ...alertingHandlers(services),
    ...wallsHandlers(services),
    ...careHandlers(services),
    ...reviewHandlers(services),
    ...bundlesHandlers(services),
    ...reportsHandlers(services),
    ...drillsHandlers(services),
    ...accountsHandlers(services),
    ...signalsHandlers(services),
  };
}
