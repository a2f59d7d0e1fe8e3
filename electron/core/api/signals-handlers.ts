/** The core's implementation of the calls in `shared/contract/areas/signals.ts`. */
import type { signalsParams } from '@shared/contract/areas/signals';
import { MINUTE_MS } from '@shared/logic/time';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';
import { withStoryIds } from '../stories/story-service';
import { ApiError } from './api-error';

export function signalsHandlers(services: CoreServices): HandlersFor<typeof signalsParams> {
  const { store, stories, coordination, now } = services;
  const checkTopic = (topicId: number | null): void => {
    if (topicId !== null && !store.topics.get(topicId)) throw new ApiError('not-found', `no topic with id ${topicId}`);
  };
  return {
    'stories.of': ({ ids, workspace }) => {
      return {
        stories: withStoryIds(
          services.workspaces.storeFor(workspace),
          ids.map((id) => ({ id })),
        ).flatMap((m) => (m.storyId == null ? [] : [{ mentionId: m.id, storyId: m.storyId }])),
      };
    },
    'mentions.flags': ({ ids }) => ({ flags: store.flags.of(ids) }),
    'mentions.flags.override': ({ id, spam, by }) => {
      if (store.mentions.byIds([id]).length === 0) throw new ApiError('not-found', `no mention with id ${id}`);
      const flag = coordination.override(id, spam, by);
      // Triage follows a person's word on spam (the conversation holding the post).
      services.care.spamOverridden(id, by);
      return { flag };
    },
    'signals.spamExcluded.get': ({ topicId }) => {
      checkTopic(topicId);
      return { topicId, excluded: coordination.excluded(topicId) };
    },
    'signals.spamExcluded.set': ({ topicId, excluded }) => {
      checkTopic(topicId);
      coordination.setExcluded(topicId, excluded);
      return { topicId, excluded: coordination.excluded(topicId) };
    },
    'stories.spike': ({ topicId, minutes, limit }) => {
      checkTopic(topicId);
      const to = now();
      return { ...stories.spike(topicId, to - minutes * MINUTE_MS, to + 1, limit), serverTime: to };
    },
  };
}
