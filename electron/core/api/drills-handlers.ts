/** The core's implementation of the calls in `shared/contract/areas/drills.ts`. */
import type { drillsParams } from '../../../shared/contract/areas/drills';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function drillsHandlers(services: CoreServices): HandlersFor<typeof drillsParams> {
  void services;
  return {};
}
