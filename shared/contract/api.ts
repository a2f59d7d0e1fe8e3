/**
 * The one map of calls a window may make to the core, merged from one module per area under
 * `areas/`. Each entry pairs the runtime schema of its parameters (checked by the core: renderers
 * and browsers are untrusted) with its result type. A new call is a new entry in its area's
 * module; transports never name calls themselves.
 */
import type { z } from 'zod';
import { alertingParams, type AlertingResults } from './areas/alerting';
import { careParams, type CareResults } from './areas/care';
import { coreParams, type CoreResults } from './areas/core';
import { listeningParams, type ListeningResults } from './areas/listening';
import { understandingParams, type UnderstandingResults } from './areas/understanding';
import { wallsParams, type WallsResults } from './areas/walls';
import { reviewParams, type ReviewResults } from './areas/review';
import { bundlesParams, type BundlesResults } from './areas/bundles';
import { reportsParams, type ReportsResults } from './areas/reports';
import { drillsParams, type DrillsResults } from './areas/drills';
import { signalsParams, type SignalsResults } from './areas/signals';

export const apiParams = {
  ...coreParams,
  ...listeningParams,
  ...understandingParams,
  ...alertingParams,
  ...wallsParams,
  ...careParams,
  ...reviewParams,
  ...bundlesParams,
  ...reportsParams,
  ...drillsParams,
  ...signalsParams,
} as const;

export interface ApiResults extends CoreResults, ListeningResults, UnderstandingResults, AlertingResults, WallsResults, CareResults,
  ReviewResults, BundlesResults, ReportsResults, DrillsResults, SignalsResults {}

export type ApiMethod = keyof typeof apiParams;
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiParams)[M]>;
export type ApiResult<M extends ApiMethod> = ApiResults[M];

/** Compile-time check that every call has a result type and vice versa. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameKeys: Exact<ApiMethod, keyof ApiResults> = true;
void _sameKeys;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiParams, name);
}
