import type { Caller } from '@shared/contract/access';

/** In-process tests talk to the core as the hub's own window does: as the local owner. */
export const LOCAL_OWNER: Caller = { kind: 'local-owner', name: null };
