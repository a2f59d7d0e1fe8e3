import { useShallow } from 'zustand/react/shallow';
import { useClockStore } from '../../stores/clock';
import { dataCurrentAt, useConnectionStore } from '../../stores/connection';
import { ConnectionStatus } from '../../widgets/ConnectionStatus';

export function ConnectionStatusContainer() {
  const conn = useConnectionStore(
    useShallow((s) => ({ pipe: s.pipe, synced: s.synced, syncError: s.syncError, since: dataCurrentAt(s) })),
  );
  const now = useClockStore((s) => s.now);
  return <ConnectionStatus pipe={conn.pipe} synced={conn.synced} syncError={conn.syncError} dataAgeMs={conn.since === null ? null : now - conn.since} />;
}
