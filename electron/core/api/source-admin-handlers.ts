/** The core's implementation of the Sources settings calls (`shared/contract/areas/source-admin.ts`). */
import type { sourceAdminParams } from '../../../shared/contract/areas/source-admin';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';
import { OutboundValidationError } from '../net/outbound-settings';
import { ApiError } from './api-error';

export function sourceAdminHandlers({ sources, secrets, outbound }: CoreServices): HandlersFor<typeof sourceAdminParams> {
  return {
    'sources.kinds': () => ({ kinds: sources.kinds(), secrets: { backend: secrets.backend, problem: secrets.problem } }),
    'sources.get': ({ id }) => ({ source: sources.get(id) }),
    'sources.create': ({ kind, name, intervalMs, enabled, settings }) => sources.create({ kind, name, intervalMs, enabled, settings }),
    'sources.update': ({ id, name, intervalMs, settings }) => sources.update(id, { name, intervalMs, settings }),
    'sources.delete': ({ id }) => sources.delete(id),
    'sources.test': ({ kind, settings, id }) => sources.test({ kind, settings, id }),
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
