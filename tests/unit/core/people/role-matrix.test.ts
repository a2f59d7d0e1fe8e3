/**
 * Generated from the contract: every call, made as anonymous and as each role through a real
 * session on a real core, is refused with `forbidden` exactly when the caller's role is below the
 * role the contract declares for it. Pushes likewise. A call added to the contract is covered here
 * without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roleAllows, ROLES, type Role } from '@shared/contract/access';
import { apiAccess, apiParams, type ApiMethod } from '@shared/contract/api';
import { EVENT_TOPICS, eventRoles } from '@shared/contract/events';
import { startWorld, type AccessWorld, type Conn } from './access-harness';

let world: AccessWorld;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-matrix-'));
  world = await startWorld(dir);
}, 60_000);

afterAll(async () => {
  await world?.core.stop();
  rmSync(dir, { recursive: true, force: true });
});

const methods = Object.keys(apiParams) as ApiMethod[];
const callers: Array<{ label: string; role: Role | null; conn: () => Conn }> = [
  { label: 'anonymous', role: null, conn: () => world.anonymous },
  { label: 'wall', role: 'wall', conn: () => world.wall },
  { label: 'agent', role: 'agent', conn: () => world.agent },
  { label: 'lead', role: 'lead', conn: () => world.lead },
  { label: 'admin', role: 'admin', conn: () => world.admin },
];

describe('the role matrix, generated from the contract', () => {
  it('covers every call, and every role can make some call the one below it cannot', () => {
    expect(methods.length).toBeGreaterThan(150);
    for (const method of methods) expect(ROLES).toContain(apiAccess[method].role);
    for (const role of ROLES) expect(methods.some((m) => apiAccess[m].role === role)).toBe(true);
  });

  for (const { label, role, conn } of callers) {
    it(`as ${label}: exactly the calls of the role and below are let through`, async () => {
      const wrong: string[] = [];
      for (const method of methods) {
        // Empty parameters: the role is checked before the parameters, so an allowed call fails
        // (if at all) for its parameters, never with `forbidden`.
        const res = await conn().send(method, {});
        const forbidden = !res.ok && res.error.code === 'forbidden';
        const allowed = role !== null && roleAllows(role, apiAccess[method].role);
        if (forbidden === allowed) wrong.push(`${method} (needs ${apiAccess[method].role}): ${res.ok ? 'ok' : `${res.error.code} ${res.error.message}`}`);
        if (forbidden) expect(res.ok ? '' : res.error.message).toContain(`needs the ${apiAccess[method].role} role`);
      }
      expect(wrong).toEqual([]);
    }, 60_000);

    it(`as ${label}: pushes are subscribed exactly for the role and below`, () => {
      const wrong: string[] = [];
      for (const topic of EVENT_TOPICS) {
        const before = conn().frames.length;
        conn().session.receive(JSON.stringify({ t: 'sub', topic }));
        const refused = conn()
          .frames.slice(before)
          .some((f) => f.t === 'res' && !f.ok && f.error.code === 'forbidden');
        const allowed = role !== null && roleAllows(role, eventRoles[topic]);
        if (refused === allowed) wrong.push(`${topic} (needs ${eventRoles[topic]})`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('says who the caller is and what the call needs', async () => {
    const res = await world.wall.send('care.inbox', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toBe('care.inbox needs the agent role; this is the paired wall of display "lobby"');
    const res2 = await world.agent.send('sources.delete', { id: 'demo' });
    if (!res2.ok) expect(res2.error.message).toBe('sources.delete needs the admin role; you are signed in as Ana Agent (agent)');
    expect(res2.ok).toBe(false);
  });
});
