/** The core's implementation of the calls in `shared/contract/areas/reports.ts`. */
import type { reportsParams } from '@shared/contract/areas/reports';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function reportsHandlers(services: CoreServices): HandlersFor<typeof reportsParams> {
  return {
    'reports.build': (p) => ({ report: services.reports.build(p) }),
    'reports.exportCsv': (p) => services.reports.exportCsv(p),
    'reports.exportPdf': (p) => services.reports.exportPdf(p),
  };
}
