/**
 * Type-level cases for `UniqueNames`, compiled by `npm run typecheck` (tsconfig.node.json includes
 * tests/): each `@ts-expect-error` line must fail to compile, so a check that stopped seeing a
 * duplicate would leave an unused directive, which is itself an error.
 */
import type { SharedNames, UniqueNames } from '@shared/contract/unique-names';

type Alerts = { 'alerts.list': 1; 'alerts.get': 2 };
type Care = { 'care.list': 3 };
type Walls = { 'walls.get': 4; 'alerts.get': 5 };

export const distinct: UniqueNames<[Alerts, Care]> = true;
export const single: UniqueNames<[Alerts]> = true;

// @ts-expect-error two areas declare 'alerts.get'
export const clash: UniqueNames<[Alerts, Care, Walls]> = true;
// @ts-expect-error the first and the last of several maps clash as well as neighbours
export const farApart: UniqueNames<[Walls, Care, { 'x.y': 0 }, Alerts]> = true;

// The error names the duplicates.
export const named: SharedNames<[Alerts, Care, Walls]> = 'alerts.get';
// @ts-expect-error a name declared once is not reported
export const notShared: SharedNames<[Alerts, Care, Walls]> = 'care.list';
