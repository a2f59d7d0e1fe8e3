/**
 * What a paired wall may do beyond its role: read and report only its own display (the role
 * already keeps it out of the inbox, customers, secrets and settings).
 */
import type { Caller } from '@shared/contract/access';
import type { ApiMethod } from '@shared/contract/api';
import { ApiError } from '../api/api-error';

export function callScope(caller: Caller): ((method: ApiMethod, params: unknown) => void) | null {
  if (caller.kind !== 'display') return null;
  return (method, params) => {
    const p = params as Record<string, unknown>;
    const named =
      method === 'walls.watchdog.report'
        ? p.displayId
        : method === 'walls.displays.get' || method === 'walls.displays.report'
          ? p.id
          : method === 'review.wallOverride'
            ? p.displayId
            : undefined;
    if (named !== undefined && named !== null && named !== caller.displayId) {
      throw new ApiError('forbidden', `${method}: this wall is paired with display "${caller.displayId}", not "${String(named)}"`);
    }
  };
}
