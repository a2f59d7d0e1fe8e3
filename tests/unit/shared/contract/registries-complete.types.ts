/**
 * Type-level cases compiled by `npm run typecheck`: the registries are complete by type, so a map
 * that leaves a member of its family out does not compile (each `@ts-expect-error` must fail).
 */
import type { RULE_KIND_SPECS } from '@shared/contract/alert-rule-kinds';
import type { SOURCE_KIND_SPECS } from '@shared/contract/source-config';
import type { RULE_KIND_DETECTORS } from '../../../../electron/core/alerts/rule-kind-detectors';

declare const specs: typeof RULE_KIND_SPECS;
declare const detectors: typeof RULE_KIND_DETECTORS;
declare const sources: typeof SOURCE_KIND_SPECS;

// @ts-expect-error a settings-form map without the feed kind
export const sourcesWithoutFeed: typeof SOURCE_KIND_SPECS = { ...sources, feed: undefined };
// @ts-expect-error a rule-kind map without keyword
export const specsWithoutKeyword: typeof RULE_KIND_SPECS = { ...specs, keyword: undefined };
// @ts-expect-error a detector map without source-down
export const detectorsWithoutSourceDown: typeof RULE_KIND_DETECTORS = { ...detectors, 'source-down': undefined };
// @ts-expect-error a kind's entry must be that kind's (keyword's spec is not volume-spike's)
export const swapped: typeof RULE_KIND_SPECS = { ...specs, 'volume-spike': specs.keyword };

// Complete maps compile.
export const sameSources: typeof SOURCE_KIND_SPECS = { ...sources };
export const sameSpecs: typeof RULE_KIND_SPECS = { ...specs };
