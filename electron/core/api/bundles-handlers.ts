/** The core's implementation of the calls in `shared/contract/areas/bundles.ts`. */
import type { bundlesParams } from '../../../shared/contract/areas/bundles';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function bundlesHandlers(services: CoreServices): HandlersFor<typeof bundlesParams> {
  return {
    'bundles.export': (p) => services.bundles.export(p),
    'bundles.verify': (p) => services.bundles.verify(p.path),
    'bundles.import': (p) => services.bundles.import(p.path, p.name === undefined ? {} : { name: p.name }),
  };
}
