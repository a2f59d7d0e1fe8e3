/**
 * Who did it comes from the session; refusals, revocations and unpairing take effect at once; the
 * audit log records every change without its secrets; a wall reads only its own display.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Person, AuditEntry, DisplayPairing } from '@shared/domain/people';
import type { Annotation } from '@shared/domain/review';
import { sleep, useTempDirs, waitFor } from '../../../support/core-helpers';
import { Conn, PASSPHRASE, startWorld, type AccessWorld } from './access-harness';
import { openStore } from '../../../../electron/core/store/store';

const tempDir = useTempDirs();
let world: AccessWorld | null = null;
afterEach(async () => {
  await world?.core.stop();
  world = null;
});

describe('sessions and people', () => {
  it('names the signed-in person as the actor, whatever name the call carries', async () => {
    const w = (world = await startWorld(tempDir()));
    const at = Date.now();
    await w.lead.call('annotations.add', { workspace: 'live', at, kind: 'note', text: 'Press statement sent', by: 'Mallory' });
    const { annotations } = await w.lead.call<{ annotations: Annotation[] }>('annotations.list', { workspace: 'live', from: at - 1_000, to: at + 1_000 });
    expect(annotations.map((a) => a.author)).toEqual(['Leo Lead']);
  });

  it('keeps passphrases as scrypt hashes with a salt of their own, never in clear', async () => {
    const dir = tempDir();
    const w = (world = await startWorld(dir));
    await w.core.stop();
    world = null;
    const store = openStore(dir);
    try {
      const rows = store.db.prepare('SELECT name, pass_hash, pass_salt, pass_params FROM people').all() as Array<{
        name: string;
        pass_hash: string;
        pass_salt: string;
        pass_params: string;
      }>;
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(row.pass_hash).not.toContain(PASSPHRASE);
        expect(Buffer.from(row.pass_hash, 'base64')).toHaveLength(64);
        expect(JSON.parse(row.pass_params)).toMatchObject({ N: 16384, r: 8, p: 1 });
      }
      expect(new Set(rows.map((r) => r.pass_salt)).size).toBe(3);
      const tokens = store.db.prepare('SELECT token_hash FROM auth_sessions').pluck().all() as string[];
      for (const t of tokens) expect(t).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      store.close();
    }
  });

  it('refuses a wrong passphrase, a disabled person, and a second owner', async () => {
    const w = (world = await startWorld(tempDir()));
    expect(await w.core.auth.signIn('Ana Agent', 'not the passphrase', 't')).toBeNull();
    expect(await w.core.auth.signIn('Nobody', PASSPHRASE, 't')).toBeNull();
    await expect(w.core.auth.createOwner('Eve', PASSPHRASE, 't')).rejects.toThrow('the owner already exists');
    const { people } = await w.admin.call<{ people: Person[] }>('people.list', {});
    const ana = people.find((p) => p.name === 'Ana Agent')!;
    await w.admin.call('people.update', { id: ana.id, disabled: true });
    expect(await w.core.auth.signIn('Ana Agent', PASSPHRASE, 't')).toBeNull();
  });

  it("ends a person's open sessions at once when their role changes, and later calls say signed-out", async () => {
    const w = (world = await startWorld(tempDir()));
    const { people } = await w.admin.call<{ people: Person[] }>('people.list', {});
    const ana = people.find((p) => p.name === 'Ana Agent')!;
    expect((await w.agent.send('care.inbox', {})).ok).toBe(true);
    await w.admin.call('people.update', { id: ana.id, role: 'lead' });
    expect(w.agent.ended).toBe('your role or account changed; sign in again');
    const res = await w.agent.send('care.inbox', {});
    expect(res.ok ? 'ok' : res.error.code).toBe('signed-out');
  });

  it('lets a person change their own passphrase with the current one; their other sessions end', async () => {
    const w = (world = await startWorld(tempDir()));
    const other = new Conn(w.core, w.core.auth.callerFor((await w.core.auth.signIn('Ana Agent', PASSPHRASE, 'phone'))!.token)!);
    const wrong = await w.agent.send('account.changePassphrase', { current: 'not it', passphrase: 'a brand new passphrase' });
    expect(wrong.ok ? 'ok' : wrong.error.message).toBe('the current passphrase is wrong');
    const done = await w.agent.call<{ otherSessionsEnded: number }>('account.changePassphrase', { current: PASSPHRASE, passphrase: 'a brand new passphrase' });
    expect(done.otherSessionsEnded).toBe(1);
    expect(other.ended).toBe('your passphrase was changed; sign in again');
    expect(w.agent.ended).toBeNull();
    expect((await w.agent.send('care.inbox', {})).ok).toBe(true);
    expect(await w.core.auth.signIn('Ana Agent', PASSPHRASE, 't')).toBeNull();
    expect(await w.core.auth.signIn('Ana Agent', 'a brand new passphrase', 't')).not.toBeNull();
    const { entries } = await w.admin.call<{ entries: AuditEntry[] }>('audit.list', { filter: { method: 'account.changePassphrase' } });
    expect(entries.map((e) => JSON.parse(e.params))).toEqual([
      { current: '[redacted]', passphrase: '[redacted]' },
      { current: '[redacted]', passphrase: '[redacted]' },
    ]);
  });

  it('refuses to remove the last admin', async () => {
    const w = (world = await startWorld(tempDir()));
    const { people } = await w.admin.call<{ people: Person[] }>('people.list', {});
    const olga = people.find((p) => p.name === 'Olga Owner')!;
    const res = await w.admin.send('people.update', { id: olga.id, role: 'agent' });
    expect(res.ok ? 'ok' : res.error.message).toBe('Olga Owner is the last admin; make someone else an admin first');
  });

  it('hides the data folder from everyone but admins', async () => {
    const w = (world = await startWorld(tempDir()));
    const hello = (c: Conn) => c.frames.find((f) => f.t === 'hello') as Extract<(typeof c.frames)[number], { t: 'hello' }>;
    expect(hello(w.admin).dataDir).toBe(w.core.dataDir);
    expect(hello(w.agent).dataDir).toBe('');
    expect(hello(w.wall).identity).toEqual({ kind: 'display', name: 'wall lobby', role: 'wall', displayId: 'lobby' });
  });
});

describe('paired walls', () => {
  it('reads its own display only', async () => {
    const w = (world = await startWorld(tempDir()));
    expect((await w.wall.send('walls.displays.get', { id: 'lobby' })).ok).toBe(true);
    const other = await w.wall.send('walls.displays.get', { id: 'boardroom' });
    expect(other.ok ? 'ok' : other.error.message).toBe('walls.displays.get: this wall is paired with display "lobby", not "boardroom"');
  });

  it('is closed at once when unpaired, and its session is gone', async () => {
    const w = (world = await startWorld(tempDir()));
    const { pairings } = await w.lead.call<{ pairings: DisplayPairing[] }>('walls.pairing.list', {});
    expect(pairings.map((p) => [p.status, p.displayId, p.approvedBy])).toEqual([['paired', 'lobby', 'Leo Lead']]);
    await w.lead.call('walls.pairing.revoke', { id: w.pairingId });
    expect(w.wall.ended).toBe('this wall was unpaired');
    const res = await w.wall.send('volume.recent', { minutes: 5 });
    expect(res.ok ? 'ok' : res.error.code).toBe('signed-out');
  });

  it('on a public-safe display, receives no handles, names or links, in answers and in pushes', async () => {
    const w = (world = await startWorld(tempDir(), { demo: true }));
    type Lite = { authorHandle: string; authorName: string | null; url: string | null; text: string };
    const recent = async (c: Conn) => (await c.call<{ mentions: Lite[] }>('mentions.recent', { limit: 50 })).mentions;
    for (let i = 0; (await recent(w.agent)).length < 5; i++) {
      if (i > 200) throw new Error('the demo source stored no mentions');
      await sleep(50);
    }
    expect((await recent(w.wall)).some((m) => m.authorHandle !== '@•••')).toBe(true);

    const { display } = await w.lead.call<{ display: { config: Record<string, unknown> } }>('walls.displays.get', { id: 'lobby' });
    await w.lead.call('walls.displays.save', { display: { ...display.config, publicSafe: true } });
    const masked = await recent(w.wall);
    expect(masked.length).toBeGreaterThan(0);
    for (const m of masked) expect([m.authorHandle, m.authorName, m.url]).toEqual(['@•••', null, null]);
    expect(
      (await recent(w.agent)).some((m) => m.authorHandle !== '@•••'),
      'people still see who wrote',
    ).toBe(true);

    const before = w.wall.frames.length;
    w.wall.session.receive(JSON.stringify({ t: 'sub', topic: 'mentions.new' }));
    const push = await waitFor('a mentions.new push', () => w.wall.frames.slice(before).find((f) => f.t === 'evt' && f.topic === 'mentions.new'));
    const pushed = (push as { payload: { mentions: Lite[] } }).payload.mentions;
    expect(pushed.length).toBeGreaterThan(0);
    for (const m of pushed) expect(m.authorHandle).toBe('@•••');
  }, 30_000);

  it('refuses an unknown code, and a code can be used once', async () => {
    const w = (world = await startWorld(tempDir()));
    const res = await w.lead.send('walls.pairing.approve', { code: 'ZZZZZZ', displayId: 'lobby' });
    expect(res.ok ? 'ok' : res.error.code).toBe('not-found');
    const started = w.core.auth.startPairing('TV')!;
    expect(started.code).toMatch(/^[2-9A-HJ-KM-NP-Z]{6}$/);
    await w.lead.call('walls.pairing.approve', { code: started.code.toLowerCase(), displayId: 'lobby' });
    const again = await w.lead.send('walls.pairing.approve', { code: started.code, displayId: 'boardroom' });
    expect(again.ok ? 'ok' : again.error.code).toBe('not-found');
    expect(w.core.auth.pairingState('not-a-secret', 'TV').status).toBe('unknown');
  });
});

describe('the audit log', () => {
  it('records each change with who, role, outcome and redacted secrets, and refused attempts too', async () => {
    const w = (world = await startWorld(tempDir()));
    await w.lead.send('sources.delete', { id: 'demo' });
    await w.lead.call('care.settings.save', { responseTargetMinutes: 30 });
    await w.lead.call('volume.recent', { minutes: 5 });
    const { entries } = await w.admin.call<{ entries: AuditEntry[] }>('audit.list', {});
    const summary = entries.map((e) => `${e.actorName}|${e.role}|${e.method}|${e.outcome}`);
    expect(summary.slice(0, 3)).toEqual([
      'Leo Lead|lead|care.settings.save|ok',
      'Leo Lead|lead|sources.delete|forbidden',
      'Leo Lead|lead|walls.pairing.approve|ok',
    ]);
    expect(summary.some((s) => s.includes('volume.recent'))).toBe(false);
    const add = entries.find((e) => e.method === 'people.add')!;
    expect(add.actorName).toBe('Olga Owner');
    expect(JSON.parse(add.params)).toEqual({ name: 'Leo Lead', role: 'lead', passphrase: '[redacted]' });
    expect(entries.map((e) => e.params).join('\n')).not.toContain(PASSPHRASE);
  });

  it('filters by person and area, and exports CSV with spreadsheet formulas defused', async () => {
    const w = (world = await startWorld(tempDir()));
    await w.agent.call('care.customers.note', { customerId: 1, text: 'x', by: 'x' }).catch(() => undefined);
    await w.lead.call('care.settings.save', { responseTargetMinutes: 30 });
    await w.admin.call('people.add', { name: '=HYPERLINK("http://evil")', role: 'agent', passphrase: PASSPHRASE });
    const byLead = await w.admin.call<{ entries: AuditEntry[] }>('audit.list', { filter: { actor: 'leo lead', method: 'care' } });
    expect(byLead.entries.map((e) => e.method)).toEqual(['care.settings.save']);
    const session = await w.core.auth.signIn('=HYPERLINK("http://evil")', PASSPHRASE, 't');
    const evil = new Conn(w.core, w.core.auth.callerFor(session!.token)!);
    await evil.send('care.settings.save', { leaderboard: true });
    const { csv, rows } = await w.admin.call<{ csv: string; rows: number }>('audit.exportCsv', { filter: { method: 'care.settings.save' } });
    expect(rows).toBe(2);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,time (UTC),who,kind,role,method,outcome,message,parameters');
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil"")",person,agent,care.settings.save,forbidden,`);
  });

  it('keeps its own retention', async () => {
    const w = (world = await startWorld(tempDir()));
    const res = await w.admin.send('audit.settings.save', { retentionDays: 3 });
    expect(res.ok ? 'ok' : res.error.code).toBe('bad-params');
    const saved = await w.admin.call<{ settings: { retentionDays: number } }>('audit.settings.save', { retentionDays: 30 });
    expect(saved.settings.retentionDays).toBe(30);
  });
});
