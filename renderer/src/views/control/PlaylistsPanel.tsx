/** Playlists in the control view: ordered layouts, each with its own duration and optional hours. */
import { useState } from 'react';
import { describeSchemaIssues, playlistSchema, type Playlist, type StoredLayout } from '@shared/contract/wall-schema';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { Button, ErrorNotice, Options } from '../../ui';

type Draft = { id: string; name: string; items: Array<{ layoutId: string; seconds: number; from: string; to: string }> };

const blank = (layouts: StoredLayout[]): Draft => ({ id: '', name: '', items: [{ layoutId: layouts[0]?.id ?? 'overview', seconds: 60, from: '', to: '' }] });

function toDraft(p: Playlist): Draft {
  return { id: p.id, name: p.name, items: p.items.map((i) => ({ layoutId: i.layoutId, seconds: i.seconds, from: i.from ?? '', to: i.to ?? '' })) };
}

export function PlaylistsPanel({ playlists, layouts }: { playlists: Playlist[]; layouts: StoredLayout[] }) {
  const client = useClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const action = useAction<string>();
  const parsed = draft
    ? playlistSchema.safeParse({
        ...draft,
        items: draft.items.map((i) => ({ layoutId: i.layoutId, seconds: i.seconds, from: i.from || null, to: i.to || null })),
      })
    : null;
  const setItem = (index: number, patch: Partial<Draft['items'][number]>) =>
    draft && setDraft({ ...draft, items: draft.items.map((item, i) => (i === index ? { ...item, ...patch } : item)) });
  const move = (index: number, by: number) => {
    if (!draft) return;
    const items = [...draft.items];
    const [item] = items.splice(index, 1);
    items.splice(Math.min(Math.max(0, index + by), items.length), 0, item!);
    setDraft({ ...draft, items });
  };

  return (
    <section className="console__section playlists" data-testid="playlists">
      <h2>Playlists</h2>
      <ul className="playlists__list">
        {playlists.map((p) => (
          <li key={p.id} data-testid="playlist-row" data-playlist-id={p.id}>
            <strong>{p.name}</strong> <code>{p.id}</code>:{' '}
            {p.items
              .map((i) => `${layouts.find((l) => l.id === i.layoutId)?.doc.name ?? i.layoutId} ${i.seconds} s${i.from ? ` (${i.from}–${i.to})` : ''}`)
              .join(' → ')}{' '}
            <Button onClick={() => setDraft(toDraft(p))}>Edit</Button>{' '}
            <Button variant="danger" onClick={() => action.run(async () => (await client.call('walls.playlists.delete', { id: p.id }), `deleted “${p.name}”`))}>
              Delete
            </Button>
          </li>
        ))}
      </ul>
      {!draft && (
        <Button onClick={() => setDraft(blank(layouts))} data-testid="playlist-new">
          New playlist
        </Button>
      )}
      {draft && (
        <form
          className="playlists__form"
          data-testid="playlist-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!parsed?.success) return;
            action.run(async () => {
              const r = await client.call('walls.playlists.save', { playlist: parsed.data });
              setDraft(null);
              return `saved “${r.playlist.name}”`;
            });
          }}
        >
          <label>
            Id{' '}
            <input
              value={draft.id}
              onChange={(e) => setDraft({ ...draft, id: e.target.value.toLowerCase() })}
              placeholder="lobby-rotation"
              data-testid="playlist-id"
            />
          </label>
          <label>
            Name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="playlist-name" />
          </label>
          <ol className="playlists__items">
            {draft.items.map((item, index) => (
              <li key={index} data-testid="playlist-item">
                <select
                  value={item.layoutId}
                  onChange={(e) => setItem(index, { layoutId: e.target.value })}
                  aria-label="Layout"
                  data-testid="playlist-item-layout"
                >
                  <Options items={layouts} value={(l) => l.id} label={(l) => l.doc.name} />
                </select>
                <label>
                  for{' '}
                  <input
                    type="number"
                    min={5}
                    value={item.seconds}
                    onChange={(e) => setItem(index, { seconds: Number(e.target.value) })}
                    data-testid="playlist-item-seconds"
                  />{' '}
                  s
                </label>
                <label>
                  between <input type="time" value={item.from} onChange={(e) => setItem(index, { from: e.target.value })} aria-label="From" />
                </label>
                <label>
                  and <input type="time" value={item.to} onChange={(e) => setItem(index, { to: e.target.value })} aria-label="To" />
                </label>
                <Button onClick={() => move(index, -1)} aria-label="Move up">
                  ↑
                </Button>
                <Button onClick={() => move(index, 1)} aria-label="Move down">
                  ↓
                </Button>
                <Button
                  disabled={draft.items.length === 1}
                  onClick={() => setDraft({ ...draft, items: draft.items.filter((_, i) => i !== index) })}
                  aria-label="Remove"
                >
                  ✕
                </Button>
              </li>
            ))}
          </ol>
          <Button
            onClick={() => setDraft({ ...draft, items: [...draft.items, { layoutId: layouts[0]?.id ?? 'overview', seconds: 60, from: '', to: '' }] })}
            data-testid="playlist-add-item"
          >
            Add page
          </Button>{' '}
          <Button type="submit" variant="primary" disabled={!parsed?.success} data-testid="playlist-save">
            Save playlist
          </Button>{' '}
          <Button onClick={() => setDraft(null)}>Cancel</Button>
          {parsed && !parsed.success && <p className="control__error">{describeSchemaIssues(parsed.error)}</p>}
        </form>
      )}
      <ErrorNotice error={action.error} />
    </section>
  );
}
