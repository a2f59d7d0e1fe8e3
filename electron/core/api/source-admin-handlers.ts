/** The core's implementation of the Sources settings calls (`shared/contract/areas/source-admin.ts`). */
import type { sourceAdminParams } from '../../../shared/contract/areas/source-admin';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';

export function sourceAdminHandlers({ sources, secrets }: CoreServices): HandlersFor<typeof sourceAdminParams> {
  return {
    'sources.kinds': () => ({ kinds: sources.kinds(), secrets: { backend: secrets.backend, problem: secrets.problem } }),
    'sources.get': ({ id }) => ({ source: sources.get(id) }),
    'sources.create': ({ kind, name, intervalMs, enabled, settings }) => sources.create({ kind, name, intervalMs, enabled, settings }),
    'sources.update': ({ id, name, intervalMs, settings }) => sources.update(id, { name, intervalMs, settings }),
    'sources.delete': ({ id }) => sources.delete(id),
    'sources.test': ({ kind, settings, id }) => sources.test({ kind, settings, id }),
  };
}
