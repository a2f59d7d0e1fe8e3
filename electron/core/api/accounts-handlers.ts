/** The core's implementation of the calls in `shared/contract/areas/accounts.ts`. */
import { identityOf } from '@shared/contract/access';
import type { accountsParams } from '@shared/contract/areas/accounts';
import type { CoreServices } from '../app/services';
import { LOCAL_OWNER_CONTEXT, type HandlersFor } from '../live/session';

export function accountsHandlers({ access, audit, now }: CoreServices): HandlersFor<typeof accountsParams> {
  return {
    'account.me': (_params, { caller } = LOCAL_OWNER_CONTEXT) => ({ identity: identityOf(caller) }),
    'account.changePassphrase': async ({ current, passphrase }, { caller } = LOCAL_OWNER_CONTEXT) => ({
      changed: true,
      otherSessionsEnded: await access.changeOwnPassphrase(caller, current, passphrase),
    }),
    'people.list': () => ({ people: access.list() }),
    'people.add': async ({ name, role, passphrase }) => ({ people: await access.add(name, role, passphrase) }),
    'people.update': ({ id, role, disabled }, { caller } = LOCAL_OWNER_CONTEXT) => ({
      people: access.update(id, { ...(role !== undefined ? { role } : {}), ...(disabled !== undefined ? { disabled } : {}) }, caller),
    }),
    'people.resetPassphrase': async ({ id, passphrase }) => ({ people: await access.resetPassphrase(id, passphrase) }),
    'people.signOutEverywhere': ({ id }) => {
      const ended = access.signOutEverywhere(id);
      return { people: access.list(), ended };
    },
    'walls.pairing.list': () => ({ pairings: access.pairings() }),
    'walls.pairing.approve': ({ code, displayId }, { actor } = LOCAL_OWNER_CONTEXT) => ({ pairings: access.approvePairing(code, displayId, actor) }),
    'walls.pairing.revoke': ({ id }) => ({ pairings: access.revokePairing(id) }),
    'audit.list': ({ filter, beforeId, limit }) => ({ entries: audit.page({ ...filter, ...(beforeId !== undefined ? { beforeId } : {}), limit }) }),
    'audit.exportCsv': ({ filter }) => {
      const { csv, rows } = audit.exportCsv(filter);
      const stamp = new Date(now()).toISOString().slice(0, 16).replace(/[:T]/g, '-');
      return { csv, rows, fileName: `earshot-audit-${stamp}.csv` };
    },
    'audit.settings.get': () => ({ settings: audit.settings() }),
    'audit.settings.save': ({ retentionDays }) => ({ settings: audit.saveSettings({ retentionDays }) }),
  };
}
