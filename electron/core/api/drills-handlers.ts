/** The core's implementation of the calls in `shared/contract/areas/drills.ts`. */
import type { drillsParams } from '@shared/contract/areas/drills';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function drillsHandlers(services: CoreServices): HandlersFor<typeof drillsParams> {
  const { drills } = services;
  return {
    'drills.library': () => ({ scenarios: drills.library() }),
    'drills.save': ({ json }) => drills.save(json),
    'drills.duplicate': ({ id, newId, name }) => ({ entry: drills.duplicate(id, newId, name) }),
    'drills.delete': ({ id }) => ({ deleted: drills.delete(id) }),
    'drills.start': ({ scenarioId, by, speed }) => ({ run: drills.start(scenarioId, by, speed) }),
    'drills.stop': ({ by }) => ({ run: drills.stop(by) }),
    'drills.state': () => ({ run: drills.state() }),
    'drills.runs': ({ limit }) => ({ runs: drills.runs(limit) }),
  };
}
