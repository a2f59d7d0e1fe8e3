/** The core's implementation of the Sources settings calls (`shared/contract/areas/source-admin.ts`). */
import type { sourceAdminParams } from '@shared/contract/areas/source-admin';
import type { CoreServices } from '../app/services';
import type { Caller } from '@shared/contract/access';
import { LOCAL_OWNER_CONTEXT, type HandlersFor } from '../live/session';
import type { ServerPaths } from '../people/server-paths';
import { OutboundValidationError } from '../net/outbound-settings';
import { ApiError } from './api-error';

/**
 * A `file` setting names a file on the hub (the import source): resolved through the path policy,
 * so a remote session can only name its own uploads.
 */
function withFile<T extends Record<string, unknown> | undefined>(paths: ServerPaths, caller: Caller, settings: T, what: string): T {
  if (settings === undefined || typeof settings.file !== 'string') return settings;
  return { ...settings, file: paths.file(caller, settings.file, `${what} settings.file`) };
}

export function sourceAdminHandlers({ sources, secrets, paths, outbound }: CoreServices): HandlersFor<typeof sourceAdminParams> {
  return {
    'sources.kinds': () => ({ kinds: sources.kinds(), secrets: { backend: secrets.backend, problem: secrets.problem } }),
    'sources.get': ({ id }) => ({ source: sources.get(id) }),
    'sources.create': ({ kind, name, intervalMs, enabled, settings }, { caller } = LOCAL_OWNER_CONTEXT) =>
      sources.create({ kind, name, intervalMs, enabled, settings: withFile(paths, caller, settings, 'sources.create') }),
    'sources.update': ({ id, name, intervalMs, settings }, { caller } = LOCAL_OWNER_CONTEXT) =>
      sources.update(id, { name, intervalMs, settings: withFile(paths, caller, settings, 'sources.update') }),
    'sources.delete': ({ id }) => sources.delete(id),
    'sources.test': ({ kind, settings, id }, { caller } = LOCAL_OWNER_CONTEXT) =>
      sources.test({ kind, settings: withFile(paths, caller, settings, 'sources.test'), id }),
    'sources.outbound.get': () => ({ hosts: outbound.hosts() }),
    'sources.outbound.save': ({ hosts }) => {
      try {
        return { hosts: outbound.save(hosts) };
      } catch (error) {
        if (error instanceof OutboundValidationError) throw new ApiError('bad-params', error.message);
        throw error;
      }
    },
  };
}
