/**
 * One connected window. Every frame is untrusted: it is size-checked, parsed, checked against the
 * caller's role, validated against the contract, and answered with an error frame that says what
 * was wrong, never with a crash. Who acts comes from the session (its caller), never from a frame.
 */
import type { z } from 'zod';
import { callerName, callerRole, identityOf, roleAllows, type Caller, type MethodAccess } from '@shared/contract/access';
import { apiAccess, apiParams, isApiMethod, type ApiMethod, type ApiResult } from '@shared/contract/api';
import { eventRoles } from '@shared/contract/events';
import { clientFrameSchema, MAX_FRAME_BYTES, PROTOCOL_VERSION, type ServerFrame } from '@shared/contract/frames';
import type { CoreSession } from '../app/core-api';
import type { Logger } from '../base/logger';
import { ApiError } from '../api/api-error';
import type { LiveHub, Subscriber } from './hub';

/** What a handler knows about the call besides its parameters. */
export interface CallContext {
  caller: Caller;
  /** How the caller is named in history ("who did it"). */
  actor: string;
}

/** In-process callers (tests, the CLI) act as the local owner. */
export const LOCAL_OWNER_CONTEXT: CallContext = { caller: { kind: 'local-owner', name: null }, actor: 'local owner' };

/** Sessions always pass the context; in-process callers may leave it out and act as the local owner. */
export type ApiHandlers = {
  [M in ApiMethod]: (params: z.output<(typeof apiParams)[M]>, context?: CallContext) => ApiResult<M> | Promise<ApiResult<M>>;
};

/** The handlers of one area's calls, given that area's params map. */
export type HandlersFor<P extends Record<string, unknown>> = Pick<ApiHandlers, keyof P & ApiMethod>;

/** One finished call that changed (or tried to change) state, for the audit log. */
export interface AuditRecord {
  caller: Caller;
  method: ApiMethod;
  params: unknown;
  outcome: string;
  message: string;
}

export interface SessionDeps {
  hub: LiveHub;
  handlers: ApiHandlers;
  logger: Logger;
  version: string;
  dataDir: string;
  now: () => number;
  caller: Caller;
  /** False once the caller's sign-in has expired or was revoked: the session then refuses calls. */
  stillSignedIn?: () => boolean;
  /** Extra checks for scoped callers (a paired wall reads only its own display); throws ApiError. */
  checkScope?: (method: ApiMethod, params: unknown) => void;
  audit?: (record: AuditRecord) => void;
  /** Rewrites answers and pushes for a caller who may not see everything (a public-safe wall). */
  filter?: { result(method: ApiMethod, result: unknown): unknown; push(frame: string): string };
}

export function openSession(deps: SessionDeps, send: (frame: string) => void): CoreSession {
  let closed = false;
  const role = callerRole(deps.caller);
  const subscriber: Subscriber = {
    send(frame) {
      if (closed) return;
      try {
        send(deps.filter ? deps.filter.push(frame) : frame);
      } catch (error) {
        deps.logger.warn('could not deliver a frame to a window', { error: String(error) });
      }
    },
  };
  const reply = (frame: ServerFrame): void => subscriber.send(JSON.stringify(frame));
  const fail = (id: number | null, code: string, message: string): void => reply({ t: 'res', id, ok: false, error: { code, message } });

  reply({
    t: 'hello',
    protocol: PROTOCOL_VERSION,
    version: deps.version,
    serverTime: deps.now(),
    dataDir: role === 'admin' ? deps.dataDir : '',
    identity: identityOf(deps.caller),
  });
  deps.hub.attach(subscriber);

  return {
    receive(raw: string): void {
      if (closed) return;
      if (typeof raw !== 'string' || raw.length > MAX_FRAME_BYTES || Buffer.byteLength(raw, 'utf8') > MAX_FRAME_BYTES) {
        fail(null, 'bad-frame', `frame refused: larger than ${MAX_FRAME_BYTES} bytes or not text`);
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        fail(null, 'bad-frame', 'frame refused: not JSON');
        return;
      }
      const parsed = clientFrameSchema.safeParse(json);
      if (!parsed.success) {
        const id = typeof (json as { id?: unknown } | null)?.id === 'number' ? (json as { id: number }).id : null;
        fail(id, 'bad-frame', `frame refused: ${describeIssues(parsed.error)}`);
        return;
      }
      const frame = parsed.data;
      if (deps.stillSignedIn && !deps.stillSignedIn()) {
        fail(frame.t === 'req' ? frame.id : null, 'signed-out', 'your sign-in has expired or was ended; sign in again');
        return;
      }
      if (frame.t === 'unsub') return deps.hub.unsubscribe(frame.topic, subscriber);
      if (frame.t === 'sub') {
        const need = eventRoles[frame.topic];
        if (role === null || !roleAllows(role, need)) {
          fail(null, 'forbidden', `${frame.topic} pushes need the ${need} role; ${describeCaller(deps.caller)}`);
          return;
        }
        return deps.hub.subscribe(frame.topic, subscriber);
      }
      void dispatch(deps, frame.id, frame.method, frame.params, reply, fail);
    },
    close(): void {
      closed = true;
      deps.hub.removeEverywhere(subscriber);
    },
  };
}

async function dispatch(
  deps: SessionDeps,
  id: number,
  method: string,
  rawParams: unknown,
  reply: (frame: ServerFrame) => void,
  fail: (id: number | null, code: string, message: string) => void,
): Promise<void> {
  if (!isApiMethod(method)) return fail(id, 'unknown-method', `unknown method "${method.slice(0, 100)}"`);
  const access = apiAccess[method];
  const audit = (outcome: string, message: string, params: unknown): void => {
    if (access.kind !== 'change' || !deps.audit) return;
    try {
      deps.audit({ caller: deps.caller, method, params, outcome, message });
    } catch (error) {
      deps.logger.error('could not write the audit log', { method, error: String(error) });
    }
  };
  const role = callerRole(deps.caller);
  if (role === null || !roleAllows(role, access.role)) {
    const message = `${method} needs the ${access.role} role; ${describeCaller(deps.caller)}`;
    audit('forbidden', message, rawParams);
    return fail(id, 'forbidden', message);
  }
  const schema = apiParams[method];
  const params = schema.safeParse(withActor(access, deps.caller, rawParams ?? {}));
  if (!params.success) return fail(id, 'bad-params', `${method}: ${describeIssues(params.error)}`);
  try {
    deps.checkScope?.(method, params.data);
    const handler = deps.handlers[method] as (p: unknown, context: CallContext) => unknown;
    const result = await handler(params.data, { caller: deps.caller, actor: callerName(deps.caller) });
    audit('ok', '', params.data);
    reply({ t: 'res', id, ok: true, result: deps.filter ? deps.filter.result(method, result) : result });
  } catch (error) {
    if (error instanceof ApiError) {
      audit(error.code, error.message, params.data);
      return fail(id, error.code, error.message);
    }
    deps.logger.error('call failed', { method, error: error instanceof Error ? error.message : String(error) });
    audit('internal', 'failed inside the core', params.data);
    fail(id, 'internal', `${method} failed inside the core; see the core's log`);
  }
}

/**
 * A signed-in person acts as themself: the parameter naming who acts is overwritten with their
 * name. Only the local owner (the hub's own window, where "Your name" is typed) may name someone.
 */
function withActor(access: MethodAccess, caller: Caller, params: unknown): unknown {
  if (access.actor === undefined || caller.kind === 'local-owner') return params;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return params;
  return { ...(params as Record<string, unknown>), [access.actor]: callerName(caller) };
}

function describeCaller(caller: Caller): string {
  switch (caller.kind) {
    case 'anonymous':
      return 'you are not signed in';
    case 'display':
      return `this is the paired wall of display "${caller.displayId}"`;
    case 'person':
      return `you are signed in as ${caller.name} (${caller.role})`;
    case 'local-owner':
      return 'this is the local owner';
    case 'service':
      return `this is the hub's ${caller.name} (${caller.role})`;
  }
}

/** Zod issues as "path: message" so the caller learns what and where. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'frame'}: ${issue.message}`)
    .join('; ');
}
