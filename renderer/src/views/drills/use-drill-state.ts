import { useEffect, useState } from 'react';
import type { DrillRunState } from '../../../../shared/contract/areas/drills';
import { useClient } from '../../lib/client-context';

/** The running drill (or null), live: fetched on every (re)connection, then pushed by the core. */
export function useDrillState(): DrillRunState | null {
  const client = useClient();
  const [run, setRun] = useState<DrillRunState | null>(null);
  useEffect(() => {
    let live = true;
    const off = client.subscribe('drills.state', (p) => setRun(p.run));
    const offHello = client.onHello(() => {
      client.call('drills.state', {}).then(
        (r) => live && setRun(r.run),
        () => undefined, // the next hello or push brings it
      );
    });
    return () => {
      live = false;
      off();
      offHello();
    };
  }, [client]);
  return run;
}
