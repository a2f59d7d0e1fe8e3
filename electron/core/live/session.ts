/**
 * One connected window. Every frame is untrusted: it is size-checked, parsed, validated against
 * the contract, and answered with an error frame that says what was wrong, never with a crash.
 */
import type { z } from 'zod';
import { apiParams, isApiMethod, type ApiMethod, type ApiResult } from '../../../shared/contract/api';
import { clientFrameSchema, MAX_FRAME_BYTES, PROTOCOL_VERSION, type ServerFrame } from '../../../shared/contract/frames';
import type { CoreSession, Logger } from '../app/core-api';
import { ApiError } from '../api/api-error';
import type { LiveHub, Subscriber } from './hub';

export type ApiHandlers = {
  [M in ApiMethod]: (params: z.output<(typeof apiParams)[M]>) => ApiResult<M> | Promise<ApiResult<M>>;
};

/** The handlers of one area's calls, given that area's params map. */
export type HandlersFor<P extends Record<string, unknown>> = Pick<ApiHandlers, keyof P & ApiMethod>;

export interface SessionDeps {
  hub: LiveHub;
  handlers: ApiHandlers;
  logger: Logger;
  version: string;
  dataDir: string;
  now: () => number;
}

export function openSession(deps: SessionDeps, send: (frame: string) => void): CoreSession {
  let closed = false;
  const subscriber: Subscriber = {
    send(frame) {
      if (closed) return;
      try {
        send(frame);
      } catch (error) {
        deps.logger.warn('could not deliver a frame to a window', { error: String(error) });
      }
    },
  };
  const reply = (frame: ServerFrame): void => subscriber.send(JSON.stringify(frame));
  const fail = (id: number | null, code: string, message: string): void => reply({ t: 'res', id, ok: false, error: { code, message } });

  reply({ t: 'hello', protocol: PROTOCOL_VERSION, version: deps.version, serverTime: deps.now(), dataDir: deps.dataDir });
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
      if (frame.t === 'sub') return deps.hub.subscribe(frame.topic, subscriber);
      if (frame.t === 'unsub') return deps.hub.unsubscribe(frame.topic, subscriber);
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
  const schema = apiParams[method];
  const params = schema.safeParse(rawParams ?? {});
  if (!params.success) return fail(id, 'bad-params', `${method}: ${describeIssues(params.error)}`);
  try {
    const handler = deps.handlers[method] as (p: unknown) => unknown;
    const result = await handler(params.data);
    reply({ t: 'res', id, ok: true, result });
  } catch (error) {
    if (error instanceof ApiError) return fail(id, error.code, error.message);
    deps.logger.error('call failed', { method, error: error instanceof Error ? error.message : String(error) });
    fail(id, 'internal', `${method} failed inside the core; see the core's log`);
  }
}

/** Zod issues as "path: message" so the caller learns what and where. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'frame'}: ${issue.message}`)
    .join('; ');
}
