/** Saved inbox views through the contract, as signed-in people: own views are private, shared ones are the team's and only leads save them. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '@shared/contract/access';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, type Harness } from './care-harness';

const tempDir = useTempDirs();
let h: Harness;
afterEach(() => h?.close());

const person = (name: string, role: 'agent' | 'lead', personId: number): Caller => ({ kind: 'person', personId, name, role, sessionId: `s-${name}` });

describe('saved views', () => {
  it('each agent keeps their own; a lead shares one with everyone; agents cannot share or remove it', async () => {
    h = openHarness(tempDir());
    const ana = h.window(person('ana', 'agent', 1));
    const bo = h.window(person('bo', 'agent', 2));
    const lee = h.window(person('lee', 'lead', 3));

    await ana.call('care.views.save', { name: 'My refunds', filter: { needsReply: true, intent: 'complaint', search: 'refund' }, sort: 'waiting' });
    await expect(ana.call('care.views.save', { name: 'Everyone', filter: {}, sort: 'urgency', shared: true })).rejects.toThrow(/only leads and admins/);
    const { views: leeViews } = await lee.call('care.views.save', {
      name: 'Outage',
      filter: { needsReply: true, search: '#KestrelDown' },
      sort: 'newest',
      shared: true,
    });
    expect(leeViews.map((v) => [v.name, v.shared])).toEqual([['Outage', true]]);

    const { views: anaViews } = await ana.call('care.views.list', {});
    expect(anaViews.map((v) => v.name)).toEqual(['Outage', 'My refunds']);
    expect(anaViews[1]).toMatchObject({
      shared: false,
      filter: { needsReply: true, intent: 'complaint', search: 'refund' },
      sort: 'waiting',
      createdBy: 'ana',
    });
    expect((await bo.call('care.views.list', {})).views.map((v) => v.name)).toEqual(['Outage']);

    // Saving under the same name replaces the view.
    await ana.call('care.views.save', { name: 'My refunds', filter: { needsReply: true, search: 'refund' }, sort: 'urgency' });
    const replaced = (await ana.call('care.views.list', {})).views.filter((v) => v.name === 'My refunds');
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).toMatchObject({ sort: 'urgency', filter: { needsReply: true, search: 'refund' } });

    const shared = anaViews[0]!;
    await expect(bo.call('care.views.remove', { id: shared.id })).rejects.toThrow(/only leads and admins/);
    await expect(bo.call('care.views.remove', { id: replaced[0]!.id })).rejects.toThrow(/someone else/);
    expect((await lee.call('care.views.remove', { id: shared.id })).views).toEqual([]);
    expect((await ana.call('care.views.list', {})).views.map((v) => v.name)).toEqual(['My refunds']);
  });
});
