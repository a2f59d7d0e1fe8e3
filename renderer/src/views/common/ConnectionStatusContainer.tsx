import { useShallow } from 'zustand/react/shallow';
import { useTimeContext } from '../../replay/time-context';
import { useClockStore } from '../../stores/clock';
import { dataCurrentAt, useConnectionStore } from '../../stores/connection';
import { ConnectionStatus } from '../../widgets/ConnectionStatus';

export function ConnectionStatusContainer() {
  const conn = useConnectionStore(useShallow((s) => ({ pipe: s.pipe, synced: s.synced, syncError: s.syncError, since: dataCurrentAt(s) })));
  const now = useClockStore((s) => s.now);
  const replaying = useTimeContext((s) => s.mode === 'replay');
  if (replaying) {
    // A replaying window must never say LIVE; a lost connection still shows as such (aged in real time).
    if (conn.pipe === 'open' && conn.synced) {
      return (
        <div className="conn conn--replay" data-testid="connection-status" data-state={conn.pipe} data-live="false" data-replay="true" role="status">
          <span className="conn__live">⟲ REPLAY</span>
        </div>
      );
    }
    return (
      <ConnectionStatus pipe={conn.pipe} synced={conn.synced} syncError={conn.syncError} dataAgeMs={conn.since === null ? null : Date.now() - conn.since} />
    );
  }
  return <ConnectionStatus pipe={conn.pipe} synced={conn.synced} syncError={conn.syncError} dataAgeMs={conn.since === null ? null : now - conn.since} />;
}
