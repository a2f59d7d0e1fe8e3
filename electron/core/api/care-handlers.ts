/** The core's implementation of the calls in `shared/contract/areas/care.ts`. */
import type { careParams } from '../../../shared/contract/areas/care';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function careHandlers(_services: CoreServices): HandlersFor<typeof careParams> {
  return {};
}
