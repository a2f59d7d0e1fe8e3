/** The core's implementation of the foundation's calls (`shared/contract/areas/core.ts`). */
import { callerRole } from '@shared/contract/access';
import type { coreParams } from '@shared/contract/areas/core';
import { windowLayoutSchema } from '@shared/contract/layout-schema';
import type { HealthReport } from '@shared/domain/health';
import type { WindowLayout } from '@shared/domain/layout';
import { defaultLayout } from '@shared/logic/layout';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { fillMinuteWindow } from '@shared/logic/volume';
import type { CoreServices } from '../app/services';
import { LOCAL_OWNER_CONTEXT, type HandlersFor } from '../live/session';
import { DemoSource } from '../sources/demo/demo-source';
import type { Store } from '../store/store';
import { ApiError } from './api-error';

export const LAYOUT_SETTING = 'window-layout';

/** Stores the shell's layout; an invalid one is refused with the first problem named. */
export function writeLayout(store: Store, layout: WindowLayout): void {
  const parsed = windowLayoutSchema.safeParse(layout);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid window layout: ${issue?.path.join('.') || 'layout'}: ${issue?.message ?? 'invalid'}`);
  }
  store.settings.set(LAYOUT_SETTING, parsed.data);
}

export function readLayout(store: Store): WindowLayout | null {
  const parsed = windowLayoutSchema.safeParse(store.settings.get(LAYOUT_SETTING));
  return parsed.success ? parsed.data : null;
}

export function coreHandlers({ store, scheduler, alerts, now }: CoreServices, health: () => HealthReport): HandlersFor<typeof coreParams> {
  return {
    // Where the hub keeps its files is an admin's business (the hello frame hides it likewise).
    'health.get': (_params, { caller } = LOCAL_OWNER_CONTEXT) => {
      const report = health();
      return callerRole(caller) === 'admin' ? report : { ...report, dataDir: '' };
    },
    'volume.recent': ({ minutes }) => {
      const at = now();
      const from = floorToMinute(at) - (minutes - 1) * MINUTE_MS;
      return { buckets: fillMinuteWindow(store.volume.range(from, at), at, minutes), serverTime: at };
    },
    'mentions.recent': ({ limit }) => ({ mentions: store.mentions.recent(limit) }),
    'authors.top': ({ windowMinutes, limit }) => {
      const at = now();
      return { authors: store.mentions.topAuthors(at - windowMinutes * MINUTE_MS, at, limit), windowMinutes };
    },
    'alerts.open': () => ({ alerts: alerts.open() }),
    'alerts.acknowledge': ({ id, by }) => {
      const alert = alerts.acknowledge(id, by);
      if (!alert) throw new ApiError('not-found', `alert ${id} does not exist`);
      return { alert };
    },
    'sources.list': () => ({ sources: scheduler.health() }),
    'sources.setEnabled': ({ id, enabled }) => {
      const source = scheduler.setEnabled(id, enabled);
      if (!source) throw new ApiError('not-found', `source "${id}" does not exist`);
      return { source };
    },
    'demo.triggerEpisode': ({ sourceId, kind }) => {
      const adapter = scheduler.adapter(sourceId);
      if (!(adapter instanceof DemoSource)) throw new ApiError('not-found', `"${sourceId}" is not a running demo source`);
      const episode = adapter.trigger(kind, now());
      return { episodeId: episode.id, startsAt: episode.startsAt, endsAt: episode.endsAt };
    },
    'layout.get': () => ({ layout: readLayout(store) ?? defaultLayout([]) }),
  };
}
