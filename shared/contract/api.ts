/**
 * The one map of calls a window may make to the core, merged from one module per area under
 * `areas/`. Each entry pairs the runtime schema of its parameters (checked by the core: renderers
 * and browsers are untrusted) with its result type. A new call is a new entry in its area's
 * module; transports never name calls themselves.
 */
import type { z } from 'zod';
import type { MethodAccess } from './access';
import type { UniqueNames } from './unique-names';
import { accountsAccess, accountsParams, type AccountsResults } from './areas/accounts';
import { alertingAccess, alertingParams, type AlertingResults } from './areas/alerting';
import { careAccess, careParams, type CareResults } from './areas/care';
import { coreAccess, coreParams, type CoreResults } from './areas/core';
import { listeningAccess, listeningParams, type ListeningResults } from './areas/listening';
import { understandingAccess, understandingParams, type UnderstandingResults } from './areas/understanding';
import { wallsAccess, wallsParams, type WallsResults } from './areas/walls';
import { reviewAccess, reviewParams, type ReviewResults } from './areas/review';
import { bundlesAccess, bundlesParams, type BundlesResults } from './areas/bundles';
import { reportsAccess, reportsParams, type ReportsResults } from './areas/reports';
import { drillsAccess, drillsParams, type DrillsResults } from './areas/drills';
import { signalsAccess, signalsParams, type SignalsResults } from './areas/signals';

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
  ...accountsParams,
  ...signalsParams,
} as const;

/** Who may make each call (see `access.ts`); merged like the parameters. */
export const apiAccess: Readonly<Record<ApiMethod, MethodAccess>> = {
  ...coreAccess,
  ...listeningAccess,
  ...understandingAccess,
  ...alertingAccess,
  ...wallsAccess,
  ...careAccess,
  ...reviewAccess,
  ...bundlesAccess,
  ...reportsAccess,
  ...drillsAccess,
  ...accountsAccess,
  ...signalsAccess,
};

/** A name two areas declare would silently take the later one's schema in the spread above. */
const _uniqueNames: UniqueNames<
  [
    typeof coreParams,
    typeof listeningParams,
    typeof understandingParams,
    typeof alertingParams,
    typeof wallsParams,
    typeof careParams,
    typeof reviewParams,
    typeof bundlesParams,
    typeof reportsParams,
    typeof drillsParams,
    typeof accountsParams,
    typeof signalsParams,
  ]
> = true;
void _uniqueNames;

export interface ApiResults
  extends
    CoreResults,
    ListeningResults,
    UnderstandingResults,
    AlertingResults,
    WallsResults,
    CareResults,
    ReviewResults,
    BundlesResults,
    ReportsResults,
    DrillsResults,
    AccountsResults,
    SignalsResults {}

export type ApiMethod = keyof typeof apiParams;
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiParams)[M]>;
export type ApiResult<M extends ApiMethod> = ApiResults[M];

/** Compile-time check that every call has a result type and vice versa. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameKeys: Exact<ApiMethod, keyof ApiResults> = true;
void _sameKeys;
type AccessKeys =
  | keyof typeof coreAccess
  | keyof typeof listeningAccess
  | keyof typeof understandingAccess
  | keyof typeof alertingAccess
  | keyof typeof wallsAccess
  | keyof typeof careAccess
  | keyof typeof reviewAccess
  | keyof typeof bundlesAccess
  | keyof typeof reportsAccess
  | keyof typeof drillsAccess
  | keyof typeof accountsAccess
  | keyof typeof signalsAccess;
/** A call without an access entry, or an entry without a call, does not compile. */
const _sameAccess: Exact<ApiMethod, AccessKeys> = true;
void _sameAccess;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiParams, name);
}
