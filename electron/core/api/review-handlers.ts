/** The core's implementation of the calls in `shared/contract/areas/review.ts`. */
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import type { reviewParams } from '@shared/contract/areas/review';
import type { CoreServices } from '../app/services';
import { LOCAL_OWNER_CONTEXT, type HandlersFor } from '../live/session';
import { alertsOpenAt, authorsTopAt, careKpisAt, mentionsAt, sourcesAt, topicsVolumeAt, trendsAt, volumeAt } from '../review/as-of';
import { wallOverrideAt } from '../review/walls-as-of';
import { careConversationAt, careQueueAt } from '../review/care-as-of';
import { ApiError } from './api-error';

export function reviewHandlers(services: CoreServices): HandlersFor<typeof reviewParams> {
  const { workspaces, review, logger, paths } = services;
  const storeFor = (id: string) => workspaces.storeFor(id);
  return {
    'record.summary': () => review.summary(),
    'record.setRetention': ({ mentionDays, by }) => review.setRetention(mentionDays, by),

    'review.workspaces.list': () => ({ workspaces: workspaces.list() }),
    'review.workspaces.openFolder': ({ path, name }, { caller } = LOCAL_OWNER_CONTEXT) => ({
      workspace: workspaces.openFolder(paths.folder(caller, path, 'review.workspaces.openFolder path'), name === undefined ? {} : { name }),
    }),
    'review.workspaces.close': ({ id }) => {
      workspaces.close(id);
      return { id };
    },

    'review.periods': ({ workspace, limit }) => review.periods(workspace, limit),
    'review.timeline': ({ workspace, from, to }) => review.timeline(workspace, from, to),

    'review.volume': ({ workspace, at, minutes, topicId }) => ({ buckets: volumeAt(storeFor(workspace), at, minutes, topicId), serverTime: at }),
    'review.topicsVolume': ({ workspace, at, minutes }) => ({ buckets: topicsVolumeAt(storeFor(workspace), at, minutes), serverTime: at }),
    'review.mentions': ({ workspace, at, limit }) => ({ mentions: mentionsAt(storeFor(workspace), at, limit) }),
    'review.authorsTop': ({ workspace, at, windowMinutes, limit }) => ({ authors: authorsTopAt(storeFor(workspace), at, windowMinutes, limit), windowMinutes }),
    'review.alertsOpen': ({ workspace, at }) => ({ alerts: alertsOpenAt(storeFor(workspace), at) }),
    'review.sources': ({ workspace, at }) => ({ sources: sourcesAt(storeFor(workspace), at) }),
    'review.topics': ({ workspace }) => ({ topics: storeFor(workspace).topics.list() }),
    'review.trends': ({ workspace, at, topicId, windowMinutes, limit }) => {
      const store = storeFor(workspace);
      if (topicId !== null && !store.topics.get(topicId)) throw new ApiError('not-found', `no topic with id ${topicId}`);
      return { terms: trendsAt(store, at, topicId, windowMinutes, limit), windowMinutes, serverTime: at };
    },
    'review.emotions': ({ workspace, at, topicId, minutes }) => {
      const store = storeFor(workspace);
      if (topicId !== null && !store.topics.get(topicId)) throw new ApiError('not-found', `no topic with id ${topicId}`);
      return { minutes: store.emotions.asOf(topicId, floorToMinute(at) - (minutes - 1) * MINUTE_MS, floorToMinute(at) + MINUTE_MS, at), serverTime: at };
    },
    'review.careKpis': ({ workspace, at, hours }) => careKpisAt(storeFor(workspace), logger, at, hours),
    'review.careQueue': ({ workspace, at, filter, sort, limit }) => careQueueAt(storeFor(workspace), at, filter, sort, limit),
    'review.careConversation': ({ workspace, at, id }) => careConversationAt(storeFor(workspace), at, id),
    'review.wallOverride': ({ workspace, at, displayId }) => wallOverrideAt(storeFor(workspace), at, displayId),

    'annotations.list': ({ workspace, from, to }) => ({ annotations: storeFor(workspace).record.annotations(from, to) }),
    'annotations.add': ({ workspace, at, kind, text, by, topicId, incidentId }) => ({
      annotation: review.addAnnotation(workspace, { at, kind, text, by, topicId, incidentId }),
    }),
    'annotations.delete': ({ workspace, id, by }) => ({ id: review.deleteAnnotation(workspace, id, by) }),
  };
}
