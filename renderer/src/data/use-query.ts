/**
 * A desk view's read: one contract method and its parameters, on the same mechanism as every wall
 * widget (`useLive`): asked on every (re)connection, retried while connected, reloaded by the
 * pushes that say it changed. Typed by the contract, so a renamed method or parameter fails to compile.
 */
import type { ApiMethod, ApiParams, ApiResult } from '@shared/contract/api';
import type { EventTopic } from '@shared/contract/events';
import type { RpcClient } from '@shared/rpc/client';
import { useLive, type LiveQuery, type ReplayAt } from './use-live';

export interface QueryOptions<M extends ApiMethod> {
  /** Pushes after which the answer is out of date (`sources.health`, `topics.changed`, …). */
  refreshOn?: ReadonlyArray<EventTopic>;
  /** Ask again this often while connected, for data no push announces. */
  refreshMs?: number;
  /** A search or filter: keep the previous answer on screen while the new one loads. */
  keepPrevious?: boolean;
  /** In replay, the same answer as it was at `at`; without it the query stays live in replay. */
  replay?: (client: RpcClient, at: ReplayAt) => Promise<ApiResult<M>>;
}

export type Query<M extends ApiMethod> = LiveQuery<ApiResult<M>>;

/** `params` null: nothing to ask yet (no row picked); data stays null and no call is made. */
export function useQuery<M extends ApiMethod>(method: M, params: ApiParams<M> | null, options: QueryOptions<M> = {}): Query<M> {
  return useLive<ApiResult<M>>({
    // Parameters are plain JSON (the wire's own rule), so their text is their identity.
    key: `${method} ${JSON.stringify(params)}`,
    enabled: params !== null,
    load: (client) => client.call(method, params as ApiParams<M>),
    reloadOn: options.refreshOn,
    refreshMs: options.refreshMs,
    keepPrevious: options.keepPrevious,
    replay: options.replay,
  });
}
