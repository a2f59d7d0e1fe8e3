/** The core's implementation of the calls in `shared/contract/areas/walls.ts`. */
import type { wallsParams } from '../../../shared/contract/areas/walls';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function wallsHandlers(_services: CoreServices): HandlersFor<typeof wallsParams> {
  return {};
}
