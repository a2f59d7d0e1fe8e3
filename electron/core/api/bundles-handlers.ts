/** The core's implementation of the calls in `shared/contract/areas/bundles.ts`. */
import type { bundlesParams } from '@shared/contract/areas/bundles';
import type { CoreServices } from '../app/services';
import { LOCAL_OWNER_CONTEXT, type HandlersFor } from '../live/session';

export function bundlesHandlers(services: CoreServices): HandlersFor<typeof bundlesParams> {
  return {
    'bundles.export': (p) => services.bundles.export(p),
    'bundles.verify': (p, { caller } = LOCAL_OWNER_CONTEXT) => services.bundles.verify(services.paths.file(caller, p.path, 'bundles.verify path')),
    'bundles.import': (p, { caller } = LOCAL_OWNER_CONTEXT) =>
      services.bundles.import(services.paths.file(caller, p.path, 'bundles.import path'), p.name === undefined ? {} : { name: p.name }),
  };
}
