/** The core's implementation of the calls in `shared/contract/areas/alerting.ts`. */
import type { alertingParams } from '../../../shared/contract/areas/alerting';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function alertingHandlers(_services: CoreServices): HandlersFor<typeof alertingParams> {
  return {};
}
