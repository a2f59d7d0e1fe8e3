/** The core's implementation of the calls in `shared/contract/areas/listening.ts`. */
import type { listeningParams } from '../../../shared/contract/areas/listening';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function listeningHandlers(_services: CoreServices): HandlersFor<typeof listeningParams> {
  return {};
}
