/**
 * The control view (`#/control`, console): every display, what it shows right now (as it reports
 * it), and the operator's commands — push a layout to one, a group or all walls, pause a playlist,
 * blank a wall, resume — plus each display's settings and the playlists.
 */
import { useState } from 'react';
import type { WatchdogEvent } from '@shared/contract/areas/walls';
import {
  WALL_THEMES,
  type DisplayCommand,
  type DisplayConfig,
  type DisplayStatus,
  type Playlist,
  type StoredLayout,
  type WallDisplay,
} from '@shared/contract/wall-schema';
import { formatAgo, formatIn } from '@shared/logic/format';
import type { KeyedMonitor } from '@shared/logic/walls/display-assignment';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useClockStore } from '../../stores/clock';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { PairingPanel } from './PairingPanel';
import { useLive } from '../../data/use-live';
import { PlaylistsPanel } from './PlaylistsPanel';
import { Button, EmptyState, ErrorNotice, Options, Time } from '../../ui';
import './control.css';

export function ControlView() {
  const client = useClient();
  const displays = useLive<{ displays: WallDisplay[]; statuses: DisplayStatus[]; monitors: KeyedMonitor[] }>({
    key: 'control-displays',
    load: async (c) => {
      const r = await c.call('walls.displays.list', {});
      return { displays: r.displays, statuses: r.statuses, monitors: r.monitors };
    },
    deltas: [
      { topic: 'walls.displays.changed', apply: (current, p) => ({ displays: p.displays, statuses: current?.statuses ?? [], monitors: p.monitors }) },
      { topic: 'walls.status', apply: (current, p) => ({ displays: current?.displays ?? [], statuses: p.statuses, monitors: current?.monitors ?? [] }) },
    ],
  });
  const layouts = useLive<StoredLayout[]>({
    key: 'layouts',
    load: async (c) => (await c.call('walls.layouts.list', {})).layouts,
    deltas: [{ topic: 'walls.layouts.changed', apply: (_c, p) => p.layouts }],
  });
  const playlists = useLive<Playlist[]>({
    key: 'playlists',
    load: async (c) => (await c.call('walls.playlists.list', {})).playlists,
    deltas: [{ topic: 'walls.playlists.changed', apply: (_c, p) => p.playlists }],
  });
  const watchdog = useLive<WatchdogEvent[]>({
    key: 'watchdog',
    load: async (c) => (await c.call('walls.watchdog.events', { limit: 10 })).events,
    refreshMs: 30_000,
  });
  const action = useAction<string>();
  const [pushLayout, setPushLayout] = useState('crisis');
  const [newId, setNewId] = useState('');
  const list = displays.data?.displays ?? [];
  const statuses = displays.data?.statuses ?? [];
  const layoutList = layouts.data ?? [];

  const command = (target: { ids?: string[]; group?: string }, cmd: DisplayCommand, what: string) =>
    action.run(async () => {
      const r = await client.call('walls.displays.command', { ...target, command: cmd });
      return `${what}: ${r.displays.length} display${r.displays.length === 1 ? '' : 's'}`;
    });

  return (
    <ConsoleFrame current="control">
      <section className="console__section control">
        <h2>Displays</h2>
        <div className="control__bar" data-testid="control-all">
          <span>All walls:</span>
          <select value={pushLayout} onChange={(e) => setPushLayout(e.target.value)} data-testid="control-all-layout" aria-label="Layout to push">
            <Options items={layoutList} value={(l) => l.id} label={(l) => l.doc.name} />
          </select>
          <Button onClick={() => command({}, { kind: 'push-layout', layoutId: pushLayout }, 'pushed')} data-testid="control-all-push">
            Push to all
          </Button>
          <Button onClick={() => command({}, { kind: 'pause' }, 'paused')} data-testid="control-all-pause">
            Pause all
          </Button>
          <Button onClick={() => command({}, { kind: 'blank' }, 'blanked')} data-testid="control-all-blank">
            Blank all
          </Button>
          <Button onClick={() => command({}, { kind: 'resume' }, 'resumed')} data-testid="control-all-resume">
            Resume all
          </Button>
          <form
            className="control__add"
            onSubmit={(e) => {
              e.preventDefault();
              const id = newId.trim();
              if (!id) return;
              action.run(async () => {
                await client.call('walls.displays.get', { id });
                setNewId('');
                return `added display “${id}”: open #/wall?display=${id} on its screen`;
              });
            }}
          >
            <input
              value={newId}
              onChange={(e) => setNewId(e.target.value.toLowerCase())}
              placeholder="new display id, e.g. lobby-tv"
              maxLength={40}
              data-testid="control-new-display"
            />
            <Button type="submit" variant="primary">
              Add display
            </Button>
          </form>
        </div>
        {action.result && (
          <p className="control__ok" data-testid="control-result">
            {action.result}
          </p>
        )}
        <ErrorNotice error={action.error ?? displays.error} testId="control-error" />
        {list.length === 0 ? (
          displays.data && (
            <EmptyState>
              No displays yet. Open <code>#/wall?display=&lt;id&gt;</code> on a screen, or add one above.
            </EmptyState>
          )
        ) : (
          <div className="control__displays">
            {list.map((d) => (
              <DisplayCard
                key={d.config.id}
                display={d}
                status={statuses.find((s) => s.displayId === d.config.id) ?? null}
                layouts={layoutList}
                playlists={playlists.data ?? []}
                monitors={displays.data?.monitors ?? []}
                onCommand={(cmd, what) => command({ ids: [d.config.id] }, cmd, what)}
                onSave={(config) => action.run(async () => (await client.call('walls.displays.save', { display: config }), `saved “${config.name}”`))}
                onDelete={() => action.run(async () => (await client.call('walls.displays.delete', { id: d.config.id }), `deleted “${d.config.name}”`))}
              />
            ))}
          </div>
        )}
      </section>
      <PairingPanel displays={list} />
      <PlaylistsPanel playlists={playlists.data ?? []} layouts={layoutList} />
      <section className="console__section">
        <h2>Memory watchdog</h2>
        {(watchdog.data ?? []).length === 0 ? (
          <EmptyState>No wall has had to reload itself.</EmptyState>
        ) : (
          <ul data-testid="watchdog-events">
            {(watchdog.data ?? []).map((e) => (
              <li key={e.id}>
                <Time ms={e.at} />: {e.displayId ?? e.view} reloaded at {Math.round(e.heapUsedMb)} MB (limit {Math.round(e.limitMb)} MB) after{' '}
                {Math.round(e.uptimeMinutes)} min
              </li>
            ))}
          </ul>
        )}
      </section>
    </ConsoleFrame>
  );
}

function DisplayCard(props: {
  display: WallDisplay;
  status: DisplayStatus | null;
  layouts: StoredLayout[];
  playlists: Playlist[];
  monitors: KeyedMonitor[];
  onCommand(cmd: DisplayCommand, what: string): void;
  onSave(config: DisplayConfig): void;
  onDelete(): void;
}) {
  const { display, status, layouts, playlists, monitors } = props;
  const { config, override } = display;
  const now = useClockStore((s) => s.now);
  const [draft, setDraft] = useState<DisplayConfig>(config);
  const [push, setPush] = useState(layouts[0]?.id ?? 'overview');
  const dirty = JSON.stringify(draft) !== JSON.stringify(config);
  const page = status?.page ?? null;
  const connected = status?.connected ?? false;
  const showing = !status
    ? 'never reported'
    : page?.blanked
      ? 'BLANK'
      : `${page?.layoutName ?? '?'}${page?.takeoverAlertId ? ' · CRISIS TAKEOVER' : ''}${page?.playlistId && page.itemIndex !== null ? ` · playlist item ${page.itemIndex + 1}` : ''}${page?.paused ? ' · paused' : ''}${page?.nextAt ? ` · next ${formatIn(page.nextAt, now)}` : ''}`;
  return (
    <article
      className={`control__card${connected ? '' : ' control__card--offline'}`}
      data-testid="display-card"
      data-display-id={config.id}
      data-connected={String(connected)}
      data-showing={page?.layoutId ?? ''}
    >
      <header className="control__card-head">
        <span className="control__dot" aria-hidden="true">
          {connected ? '●' : '○'}
        </span>
        <strong>{config.name}</strong>
        <code>{config.id}</code>
        {config.group && <span className="control__group">group {config.group}</span>}
        <a href={`#/wall?display=${encodeURIComponent(config.id)}`} target="_blank" rel="noopener noreferrer">
          open wall
        </a>
      </header>
      <p className="control__showing" data-testid="display-showing">
        {connected ? 'Showing' : 'Last showed'}: {showing}
        {status && (
          <span className="control__seen">
            {' '}
            · reported {formatAgo(status.reportedAt, now)}
            {page ? ` · ${page.viewport.width}×${page.viewport.height}` : ''}
          </span>
        )}
      </p>
      {(override.pushedLayoutId || override.paused || override.blanked) && (
        <p className="control__override">
          Operator override:{' '}
          {[
            override.pushedLayoutId && `pushed “${layouts.find((l) => l.id === override.pushedLayoutId)?.doc.name ?? override.pushedLayoutId}”`,
            override.paused && 'paused',
            override.blanked && 'blanked',
          ]
            .filter(Boolean)
            .join(', ')}
        </p>
      )}
      <div className="control__actions">
        <select value={push} onChange={(e) => setPush(e.target.value)} aria-label="Layout to push" data-testid="display-push-layout">
          <Options items={layouts} value={(l) => l.id} label={(l) => l.doc.name} />
        </select>
        <Button onClick={() => props.onCommand({ kind: 'push-layout', layoutId: push }, 'pushed')} data-testid="display-push">
          Push
        </Button>
        {override.paused ? (
          <Button onClick={() => props.onCommand({ kind: 'unpause' }, 'unpaused')} data-testid="display-unpause">
            Unpause
          </Button>
        ) : (
          <Button onClick={() => props.onCommand({ kind: 'pause' }, 'paused')} data-testid="display-pause">
            Pause
          </Button>
        )}
        {override.blanked ? (
          <Button onClick={() => props.onCommand({ kind: 'unblank' }, 'unblanked')} data-testid="display-unblank">
            Unblank
          </Button>
        ) : (
          <Button onClick={() => props.onCommand({ kind: 'blank' }, 'blanked')} data-testid="display-blank">
            Blank
          </Button>
        )}
        <Button onClick={() => props.onCommand({ kind: 'resume' }, 'resumed')} data-testid="display-resume">
          Resume own schedule
        </Button>
      </div>
      <details className="control__settings">
        <summary>Settings</summary>
        <div className="control__form">
          <label>
            Name <input value={draft.name} maxLength={80} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label>
            Group <input value={draft.group} maxLength={40} onChange={(e) => setDraft({ ...draft, group: e.target.value })} />
          </label>
          <label>
            Shows
            <select
              value={draft.source.kind === 'layout' ? `layout:${draft.source.layoutId}` : `playlist:${draft.source.playlistId}`}
              onChange={(e) => {
                const [kind, id] = e.target.value.split(/:(.*)/s) as [string, string];
                setDraft({ ...draft, source: kind === 'layout' ? { kind: 'layout', layoutId: id } : { kind: 'playlist', playlistId: id } });
              }}
              data-testid="display-source"
            >
              <optgroup label="Layouts">
                {layouts.map((l) => (
                  <option key={l.id} value={`layout:${l.id}`}>
                    {l.doc.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Playlists">
                {playlists.map((p) => (
                  <option key={p.id} value={`playlist:${p.id}`}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          {(monitors.length > 0 || draft.monitorKey) && (
            <label>
              Monitor (this machine)
              <select value={draft.monitorKey ?? ''} onChange={(e) => setDraft({ ...draft, monitorKey: e.target.value || null })} data-testid="display-monitor">
                <option value="">none: a browser wall</option>
                {draft.monitorKey && !monitors.some((m) => m.key === draft.monitorKey) && (
                  <option value={draft.monitorKey}>{draft.monitorKey} (not connected)</option>
                )}
                {monitors.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.label || 'Monitor'} · {Math.round(m.bounds.width * m.scaleFactor)}×{Math.round(m.bounds.height * m.scaleFactor)} at {m.bounds.x},
                    {m.bounds.y}
                    {m.primary ? ' · primary' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Theme
            <select value={draft.theme} onChange={(e) => setDraft({ ...draft, theme: e.target.value as DisplayConfig['theme'] })} data-testid="display-theme">
              <Options items={WALL_THEMES} value={(t) => t} />
            </select>
          </label>
          <label>
            Viewing distance (m){' '}
            <input
              type="number"
              min={1}
              max={15}
              step={0.5}
              value={draft.viewingDistance}
              onChange={(e) => setDraft({ ...draft, viewingDistance: Math.min(15, Math.max(1, Number(e.target.value) || 3)) })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={draft.publicSafe}
              onChange={(e) => setDraft({ ...draft, publicSafe: e.target.checked })}
              data-testid="display-public-safe"
            />{' '}
            Public-screen-safe
          </label>
          <label>
            <input type="checkbox" checked={draft.burnIn} onChange={(e) => setDraft({ ...draft, burnIn: e.target.checked })} /> Burn-in protection
          </label>
          <label>
            <input type="checkbox" checked={draft.takeover} onChange={(e) => setDraft({ ...draft, takeover: e.target.checked })} /> Crisis takeover
          </label>
          <label>
            <input type="checkbox" checked={draft.takeoverSound} onChange={(e) => setDraft({ ...draft, takeoverSound: e.target.checked })} /> Takeover sound
          </label>
          <div className="control__form-actions">
            <Button disabled={!dirty} onClick={() => props.onSave(draft)} data-testid="display-save">
              Save settings
            </Button>
            <Button variant="danger" onClick={props.onDelete}>
              Delete display
            </Button>
          </div>
        </div>
      </details>
    </article>
  );
}
