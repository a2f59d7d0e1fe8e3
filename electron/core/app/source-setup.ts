/**
 * Makes sure the sources a start asks for exist: the built-in demo source on every fresh data
 * folder, and any replay named on the command line. Settings from the environment are written to
 * the stored source so the UI shows what is really running.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Store } from '../store/store';
import { DEMO_DEFAULTS, DEMO_INTERVAL_MS, type DemoConfig } from '../sources/demo/demo-source';
import { REPLAY_INTERVAL_MS, type ReplayConfig } from '../sources/replay/replay-source';
import type { CoreOptions } from './core-api';

export const DEMO_SOURCE_ID = 'demo';

export function setUpSources(store: Store, options: Pick<CoreOptions, 'demo' | 'replays'>, now: number): void {
  store.transaction(() => {
    const demo = options.demo ?? {};
    const existing = store.sources.get(DEMO_SOURCE_ID);
    const stored = existing ? readStoredConfig(existing.config) : {};
    const config: DemoConfig = {
      ...DEMO_DEFAULTS,
      ...stored,
      ...(demo.ratePerMinute !== undefined ? { ratePerMinute: demo.ratePerMinute } : {}),
      ...(demo.episodeEveryMinutes !== undefined ? { episodeEveryMinutes: demo.episodeEveryMinutes } : {}),
    };
    if (!existing) {
      store.sources.create({
        id: DEMO_SOURCE_ID,
        kind: 'demo',
        name: 'Demo: Kestrel Mobile',
        config: JSON.stringify(config),
        enabled: demo.enabled ?? true,
        intervalMs: DEMO_INTERVAL_MS,
        createdAt: now,
      });
    } else {
      store.sources.updateConfig(DEMO_SOURCE_ID, existing.name, JSON.stringify(config), existing.intervalMs);
      if (demo.enabled === false) store.sources.setEnabled(DEMO_SOURCE_ID, false);
    }

    for (const replay of options.replays ?? []) {
      const id = `replay-${createHash('sha256').update(replay.file).digest('hex').slice(0, 10)}`;
      const config: ReplayConfig = { file: replay.file, speed: replay.speed, timestamps: replay.timestamps };
      const current = store.sources.get(id);
      if (!current) {
        store.sources.create({
          id,
          kind: 'replay',
          name: `Replay: ${basename(replay.file)}`,
          config: JSON.stringify(config),
          enabled: true,
          intervalMs: REPLAY_INTERVAL_MS,
          createdAt: now,
        });
      } else {
        store.sources.updateConfig(id, current.name, JSON.stringify(config), current.intervalMs);
        // Deleted in the Sources view, then named again on the command line: the user wants it back.
        if (current.deletedAt !== null) store.sources.restore(id);
      }
    }
  });
}

/** A corrupt stored config falls back to the defaults rather than stopping the whole start. */
function readStoredConfig(json: string): Partial<DemoConfig> {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<DemoConfig>) : {};
  } catch {
    return {};
  }
}
