/**
 * A real core on a temporary data folder with one caller of each kind, each signed in the way serve
 * mode does it: the owner created on first start, people added by the owner and signed in with
 * their passphrase, a wall paired by a lead with the code it was shown.
 */
import type { Caller } from '@shared/contract/access';
import type { ApiMethod } from '@shared/contract/api';
import type { ServerFrame } from '@shared/contract/frames';
import type { Core, CoreSession } from '../../../../electron/core/app/core-api';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { waitFor } from '../../../support/core-helpers';

type ResFrame = Extract<ServerFrame, { t: 'res' }>;

export class Conn {
  readonly frames: ServerFrame[] = [];
  readonly session: CoreSession;
  ended: string | null = null;
  private nextId = 1;

  constructor(
    core: Core,
    readonly caller: Caller,
  ) {
    this.session = core.openSession((frame) => this.frames.push(JSON.parse(frame) as ServerFrame), caller, { end: (reason) => (this.ended = reason) });
  }

  /** The whole answer frame: ok with a result, or the error code and message. */
  async send(method: ApiMethod | string, params: unknown): Promise<ResFrame> {
    const id = this.nextId++;
    this.session.receive(JSON.stringify({ t: 'req', id, method, params }));
    return waitFor(`the answer to ${method}`, () => this.frames.find((f): f is ResFrame => f.t === 'res' && f.id === id), 10_000);
  }

  async call<T = unknown>(method: ApiMethod, params: unknown): Promise<T> {
    const res = await this.send(method, params);
    if (!res.ok) throw new Error(`${method} failed: ${res.error.code} ${res.error.message}`);
    return res.result as T;
  }
}

export const PASSPHRASE = 'correct horse battery staple';

export interface AccessWorld {
  core: Core;
  anonymous: Conn;
  wall: Conn;
  agent: Conn;
  lead: Conn;
  admin: Conn;
  pairingId: number;
}

/** `demo`: a fast demo stream, for tests that need mentions. */
export async function startWorld(dataDir: string, options: { demo?: boolean } = {}): Promise<AccessWorld> {
  const demo = options.demo ? { ratePerMinute: 6_000, episodeEveryMinutes: null } : { enabled: false };
  const core = await startCore({ dataDir, version: 'test', logger: createMemoryLogger(), demo, webhook: { host: '127.0.0.1', port: 0 } });
  const owner = await core.auth.createOwner('Olga Owner', PASSPHRASE, 'test');
  const admin = new Conn(core, core.auth.callerFor(owner.token)!);
  await admin.call('people.add', { name: 'Ana Agent', role: 'agent', passphrase: PASSPHRASE });
  await admin.call('people.add', { name: 'Leo Lead', role: 'lead', passphrase: PASSPHRASE });
  const signIn = async (name: string): Promise<Caller> => {
    const session = await core.auth.signIn(name, PASSPHRASE, 'test');
    if (!session) throw new Error(`${name} could not sign in`);
    return core.auth.callerFor(session.token)!;
  };
  const agent = new Conn(core, await signIn('Ana Agent'));
  const lead = new Conn(core, await signIn('Leo Lead'));
  const pairing = core.auth.startPairing('TV')!;
  await lead.call('walls.pairing.approve', { code: pairing.code, displayId: 'lobby' });
  const state = core.auth.pairingState(pairing.secret, 'TV');
  if (state.status !== 'paired') throw new Error(`pairing is ${state.status}`);
  const wallCaller = core.auth.callerFor(state.session.token)!;
  const wall = new Conn(core, wallCaller);
  const anonymous = new Conn(core, { kind: 'anonymous' });
  return { core, anonymous, wall, agent, lead, admin, pairingId: wallCaller.kind === 'display' ? wallCaller.pairingId : -1 };
}
