/** The core's implementation of the calls in `shared/contract/areas/listening.ts`. */
import type { listeningParams } from '@shared/contract/areas/listening';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';
import { sourceAdminHandlers } from './source-admin-handlers';
import { topicsHandlers } from './topics-handlers';

export function listeningHandlers(services: CoreServices): HandlersFor<typeof listeningParams> {
  const { store, now } = services;
  return {
    ...sourceAdminHandlers(services),
    ...topicsHandlers(services),
    'topics.list': () => ({ topics: store.topics.list() }),
    'topics.volume': ({ minutes }) => {
      const at = now();
      return { buckets: store.topics.range(floorToMinute(at) - (minutes - 1) * MINUTE_MS, at), serverTime: at };
    },
  };
}
