/**
 * The contract's maps that are complete on purpose, checked at run time as well as by the compiler:
 * no call is declared by two areas, and every source kind has a settings form or says it has none.
 */
import { describe, expect, it } from 'vitest';
import { apiAccess, apiParams } from '@shared/contract/api';
import { accountsParams } from '@shared/contract/areas/accounts';
import { alertingParams } from '@shared/contract/areas/alerting';
import { bundlesParams } from '@shared/contract/areas/bundles';
import { careParams } from '@shared/contract/areas/care';
import { coreParams } from '@shared/contract/areas/core';
import { drillsParams } from '@shared/contract/areas/drills';
import { listeningParams } from '@shared/contract/areas/listening';
import { reportsParams } from '@shared/contract/areas/reports';
import { reviewParams } from '@shared/contract/areas/review';
import { signalsParams } from '@shared/contract/areas/signals';
import { sourceAdminParams } from '@shared/contract/areas/source-admin';
import { topicsParams } from '@shared/contract/areas/topics';
import { understandingParams } from '@shared/contract/areas/understanding';
import { wallsParams } from '@shared/contract/areas/walls';
import { SOURCE_KIND_SPECS } from '@shared/contract/source-config';
import { SOURCE_KINDS } from '@shared/domain/source';

const AREAS = {
  coreParams,
  listeningParams,
  understandingParams,
  alertingParams,
  wallsParams,
  careParams,
  reviewParams,
  bundlesParams,
  reportsParams,
  drillsParams,
  accountsParams,
  signalsParams,
};

function declaredTwice(maps: Record<string, object>): string[] {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [area, map] of Object.entries(maps)) {
    for (const name of Object.keys(map)) {
      const first = seen.get(name);
      if (first !== undefined) twice.push(`${name} (${first} and ${area})`);
      else seen.set(name, area);
    }
  }
  return twice;
}

describe('contract method names', () => {
  it('no call is declared by two areas, so the merged map holds every area entry', () => {
    expect(declaredTwice(AREAS)).toEqual([]);
    const total = Object.values(AREAS).reduce((n, map) => n + Object.keys(map).length, 0);
    expect(Object.keys(apiParams)).toHaveLength(total);
    expect(Object.keys(apiAccess).sort()).toEqual(Object.keys(apiParams).sort());
  });

  it('listening declares nothing that source management or topics already declare', () => {
    const own = Object.fromEntries(Object.entries(listeningParams).filter(([name]) => !(name in sourceAdminParams) && !(name in topicsParams)));
    expect(declaredTwice({ sourceAdminParams, topicsParams, own })).toEqual([]);
    expect(Object.keys(listeningParams)).toHaveLength(Object.keys(sourceAdminParams).length + Object.keys(topicsParams).length + Object.keys(own).length);
  });

  it('finds a name two maps declare (the check itself)', () => {
    expect(declaredTwice({ a: { 'x.list': 1, 'x.get': 1 }, b: { 'y.list': 1 }, c: { 'x.get': 1 } })).toEqual(['x.get (a and c)']);
  });
});

describe('source kinds and their settings forms', () => {
  it('every kind has an entry: a form of its own kind, or null for the kinds the app creates itself', () => {
    expect(Object.keys(SOURCE_KIND_SPECS).sort()).toEqual([...SOURCE_KINDS].sort());
    for (const kind of SOURCE_KINDS) {
      const spec = SOURCE_KIND_SPECS[kind];
      if (spec !== null) expect(spec.kind).toBe(kind);
    }
    expect(SOURCE_KINDS.filter((kind) => SOURCE_KIND_SPECS[kind] === null).sort()).toEqual(['demo', 'replay']);
  });
});
