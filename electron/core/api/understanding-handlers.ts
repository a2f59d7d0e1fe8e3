/** The core's implementation of the calls in `shared/contract/areas/understanding.ts`. */
import type { understandingParams } from '../../../shared/contract/areas/understanding';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function understandingHandlers(_services: CoreServices): HandlersFor<typeof understandingParams> {
  return {};
}
