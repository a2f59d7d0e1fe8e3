/** The core's implementation of the calls in `shared/contract/areas/understanding.ts`. */
import { ALL_MENTIONS_TOPIC } from '@shared/domain/emotion';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { SEGMENT_RULES } from '@shared/domain/author';
import { DEFAULT_INTENT_RULES } from '@shared/domain/intents';
import { CLOUT_EXPLANATIONS, cloutComponents, DEFAULT_CLOUT_WEIGHTS } from '@shared/logic/clout';
import type { understandingParams } from '@shared/contract/areas/understanding';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';
import { ApiError } from './api-error';

export function understandingHandlers(services: CoreServices): HandlersFor<typeof understandingParams> {
  const { store, understanding, now } = services;
  const watchlistOrThrow = (id: number) => {
    const w = store.authors.watchlist(id);
    if (!w) throw new ApiError('not-found', `no watchlist with id ${id}`);
    return w;
  };
  const authorOrThrow = (id: number) => {
    const a = store.authors.get(id);
    if (!a) throw new ApiError('not-found', `no author with id ${id}`);
    return a;
  };
  return {
    'mentions.explain': ({ id }) => understanding.explain(id),
    'mentions.correctSentiment': ({ id, label, by }) => {
      const { mention, correction } = understanding.correct(id, label, by);
      return { mention, correction, explanation: understanding.explain(id) };
    },
    'mentions.recentForReview': ({ limit, intent }) => {
      const recent = store.mentions.recent(intent ? Math.min(limit * 10, 2_000) : limit);
      return { mentions: (intent ? recent.filter((m) => m.intents.includes(intent)) : recent).slice(0, limit) };
    },
    'mentions.corrections': ({ limit }) => ({ corrections: store.understanding.recentCorrections(limit) }),
    'adaptation.labelled.add': ({ set, posts, by }) => understanding.addLabelled(set, posts, by),
    'adaptation.labelled.sets': () => ({ sets: understanding.labelledSets() }),
    'adaptation.labelled.remove': ({ set, by }) => understanding.removeLabelledSet(set, by),
    'understanding.cloutWeights.get': () => ({ weights: understanding.cloutWeights(), defaults: DEFAULT_CLOUT_WEIGHTS, explanations: CLOUT_EXPLANATIONS }),
    'understanding.cloutWeights.set': ({ weights }) => ({ weights: understanding.setCloutWeights(weights) }),
    'intents.rules.get': () => ({ ...understanding.intentRules(), defaults: DEFAULT_INTENT_RULES }),
    'intents.rules.set': ({ rules }) => understanding.setIntentRules(rules),
    'trends.terms': ({ topicId, windowMinutes, limit }) => {
      if (topicId !== null && !store.topics.get(topicId)) throw new ApiError('not-found', `no topic with id ${topicId}`);
      return { terms: understanding.trends(topicId, windowMinutes, limit), windowMinutes, serverTime: now() };
    },
    'emotions.minutes': ({ topicId, minutes }) => {
      if (topicId !== null && !store.topics.get(topicId)) throw new ApiError('not-found', `no topic with id ${topicId}`);
      const to = now();
      return { minutes: store.emotions.range(topicId ?? ALL_MENTIONS_TOPIC, floorToMinute(to) - (minutes - 1) * MINUTE_MS, to), serverTime: to };
    },
    'authors.search': ({ query, segment, limit }) => ({ authors: store.authors.search(query.trim(), segment, limit) }),
    'authors.profile': ({ id, mentionLimit }) => {
      const author = authorOrThrow(id);
      const weights = understanding.cloutWeights();
      return {
        author,
        cloutParts: cloutComponents({
          followers: author.followers,
          engagement: author.mentions > 0 ? author.engagement / author.mentions : 0,
          verified: author.verified,
          mentionCount: author.mentions,
          engagementTotal: author.engagement,
        }),
        cloutWeights: weights,
        segmentRule: SEGMENT_RULES[author.segment],
        sentimentByDay: store.authors.sentimentByDay(author.platform, author.handle),
        mentions: store.mentions.byIds(store.authors.mentionIds(author.platform, author.handle, mentionLimit)),
        watchlists: store.authors.watchlistsOf(author.id),
      };
    },
    'authors.watchlists.list': () => ({ watchlists: store.authors.watchlists() }),
    'authors.watchlists.create': ({ name, kind }) => {
      if (store.authors.watchlistIdByName(name) !== null) throw new ApiError('conflict', `a watchlist named "${name}" already exists`);
      return { watchlist: store.authors.createWatchlist(name, kind, now()) };
    },
    'authors.watchlists.remove': ({ id }) => ({ removed: store.authors.removeWatchlist(id) }),
    'authors.watchlists.members': ({ id }) => ({ watchlist: watchlistOrThrow(id), authors: store.authors.members(id) }),
    'authors.watchlists.add': ({ watchlistId, authorId, by }) => {
      watchlistOrThrow(watchlistId);
      authorOrThrow(authorId);
      return { added: store.authors.addMember(watchlistId, authorId, by, now()), watchlists: store.authors.watchlistsOf(authorId) };
    },
    'authors.watchlists.removeMember': ({ watchlistId, authorId }) => ({
      removed: store.authors.removeMember(watchlistId, authorId),
      watchlists: store.authors.watchlistsOf(authorId),
    }),
  };
}
