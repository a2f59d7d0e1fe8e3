/** The core's implementation of the calls in `shared/contract/areas/signals.ts`. */
import type { signalsParams } from '../../../shared/contract/areas/signals';
import { MINUTE_MS } from '../../../shared/logic/time';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';
import { ApiError } from './api-error';

export function signalsHandlers(services: CoreServices): HandlersFor<typeof signalsParams> {
  const { store, stories, now } = services;
  return {
    'stories.spike': ({ topicId, minutes, limit }) => {
      if (topicId !== null && !store.topics.get(topicId)) throw new ApiError('not-found', `no topic with id ${topicId}`);
      const to = now();
      return { ...stories.spike(topicId, to - minutes * MINUTE_MS, to + 1, limit), serverTime: to };
    },
  };
}
