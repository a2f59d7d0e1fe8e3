/** The core's implementation of the calls in `shared/contract/areas/topics.ts`. */
import type { topicsParams } from '@shared/contract/areas/topics';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function topicsHandlers({ topics }: CoreServices): HandlersFor<typeof topicsParams> {
  return {
    'topics.create': (params) => ({ topic: topics.create(params) }),
    'topics.update': ({ id, ...changes }) => ({ topic: topics.update(id, changes) }),
    'topics.delete': ({ id }) => {
      topics.remove(id);
      return { id };
    },
    'topics.preview': ({ query, limit }) => topics.preview(query, limit),
    'topics.shareOfVoice': ({ minutes }) => topics.shareOfVoice(minutes),
  };
}
