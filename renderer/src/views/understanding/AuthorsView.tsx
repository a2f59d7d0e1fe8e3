import { useEffect, useState } from 'react';
import { signedInPerson } from '../../lib/identity';
import { AUTHOR_SEGMENTS, SEGMENT_RULES, WATCHLIST_KINDS, type AuthorSegment, type WatchlistKind } from '@shared/domain/author';
import { CLOUT_COMPONENTS, cloutWeightsSchema, type CloutWeights } from '@shared/logic/clout';
import { useClient } from '../../lib/client-context';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, DataTable, EmptyState, ErrorNotice, Options, Time } from '../../ui';
import './understanding.css';

/** Authors: search, profiles (history, segment, clout explained), watchlists, clout weights. */
export function AuthorsView() {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [segment, setSegment] = useState<AuthorSegment | ''>('');
  const search = useQuery('authors.search', { query, segment: segment || null, limit: 50 }, { keepPrevious: true });
  const [selected, setSelected] = useState<number | null>(null);
  const profile = useQuery('authors.profile', selected === null ? null : { id: selected, mentionLimit: 50 });
  const lists = useQuery('authors.watchlists.list', {});
  const action = useAction<unknown>();
  const [newList, setNewList] = useState({ name: '', kind: 'vip' as WatchlistKind });
  const [by] = useState(() => signedInPerson() ?? (localStorage.getItem('earshot.agent') || 'console'));

  const act = (work: () => Promise<unknown>): void =>
    action.run(work, () => {
      lists.reload();
      profile.reload();
    });

  const p = profile.data;
  return (
    <ConsoleFrame current="authors">
      <div className="understanding">
        <section className="console__section" aria-labelledby="authors-heading">
          <div className="understanding__heading">
            <h2 id="authors-heading">Authors</h2>
            <input
              type="search"
              placeholder="handle or name"
              value={query}
              maxLength={100}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="author-search"
            />
            <select value={segment} aria-label="Segment" onChange={(e) => setSegment(e.target.value as AuthorSegment | '')}>
              <Options items={AUTHOR_SEGMENTS} value={(s) => s} empty="all segments" />
            </select>
          </div>
          <ErrorNotice error={search.error} />
          <DataTable
            testId="authors-table"
            stickyHeader
            rows={search.data?.authors ?? []}
            rowKey={(a) => a.id}
            rowClassName={(a) => (a.id === selected ? 'authors-table__row--current' : undefined)}
            columns={[
              {
                key: 'author',
                header: 'Author',
                cell: (a) => (
                  <>
                    <button type="button" className="link-button" data-testid={`author-${a.handle}`} onClick={() => setSelected(a.id)}>
                      @{a.handle}
                    </button>{' '}
                    {a.name}
                    {a.verified && ' ✓'}
                  </>
                ),
              },
              { key: 'platform', header: 'Platform', cell: (a) => a.platform },
              { key: 'segment', header: 'Segment', cell: (a) => a.segment },
              { key: 'clout', header: 'Clout', numeric: true, cell: (a) => a.clout.toFixed(0) },
              { key: 'followers', header: 'Followers', numeric: true, cell: (a) => a.followers.toLocaleString() },
              { key: 'mentions', header: 'Mentions', numeric: true, cell: (a) => a.mentions },
              { key: 'tone', header: 'Neg / pos', numeric: true, cell: (a) => `${a.negative} / ${a.positive}` },
            ]}
          />
        </section>

        <section className="console__section" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <ErrorNotice error={profile.error} />
          {!p && <EmptyState>Pick an author.</EmptyState>}
          {p && (
            <div className="profile" data-testid="author-profile">
              <p>
                <strong>@{p.author.handle}</strong> {p.author.name} on {p.author.platform} · {p.author.followers.toLocaleString()} followers
                {p.author.verified && ' · verified'} · seen {p.author.mentions} times since <Time ms={p.author.firstSeen} style="date" />
              </p>
              <p data-testid="author-segment">
                Segment <strong>{p.author.segment}</strong>: {p.segmentRule}
              </p>
              <DataTable
                className="profile__clout"
                testId="clout-explained"
                caption={`Clout ${p.author.clout.toFixed(1)} = 100 × Σ weight × part ÷ Σ weights`}
                rows={CLOUT_COMPONENTS}
                rowKey={(k) => k}
                columns={[
                  { key: 'part', header: 'Part', cell: (k) => k },
                  { key: 'score', header: 'Score 0–1', numeric: true, cell: (k) => p.cloutParts[k].toFixed(2) },
                  { key: 'weight', header: 'Weight', numeric: true, cell: (k) => p.cloutWeights[k] },
                ]}
              />
              <h3>Sentiment by day</h3>
              <ul className="sentiment-days">
                {p.sentimentByDay.map((d) => (
                  <li key={d.day}>
                    <Time ms={d.day} style="date" />: <span className="sentiment sentiment--negative">{d.negative}</span>{' '}
                    <span className="sentiment sentiment--neutral">{d.neutral}</span> <span className="sentiment sentiment--positive">{d.positive}</span>
                    {d.unknown > 0 && (
                      <>
                        {' '}
                        <span className="sentiment sentiment--unknown">{d.unknown}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
              <h3>Watchlists</h3>
              <p>
                {p.watchlists.length === 0
                  ? 'On no watchlist. '
                  : p.watchlists.map((w) => (
                      <span key={w.id} className="chip">
                        {w.name}{' '}
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Remove from ${w.name}`}
                          onClick={() => act(() => client.call('authors.watchlists.removeMember', { watchlistId: w.id, authorId: p.author.id }))}
                        >
                          ×
                        </button>
                      </span>
                    ))}
                {lists.data?.watchlists
                  .filter((w) => !p.watchlists.some((x) => x.id === w.id))
                  .map((w) => (
                    <Button
                      key={w.id}
                      data-testid={`add-to-${w.name}`}
                      onClick={() => act(() => client.call('authors.watchlists.add', { watchlistId: w.id, authorId: p.author.id, by }))}
                    >
                      Add to {w.name}
                    </Button>
                  ))}
              </p>
              <h3>Mentions</h3>
              <ul className="review-list">
                {p.mentions.map((m) => (
                  <li key={m.id} className="review-list__item">
                    <span className={`sentiment sentiment--${m.sentiment}`}>{m.sentiment}</span>
                    <span className="review-list__who">
                      <Time ms={m.publishedAt} />
                    </span>
                    <span className="review-list__text">{m.text}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <section className="console__section" aria-labelledby="lists-heading">
          <h2 id="lists-heading">Watchlists</h2>
          <form
            className="understanding__heading"
            onSubmit={(e) => {
              e.preventDefault();
              act(async () => {
                await client.call('authors.watchlists.create', { name: newList.name.trim(), kind: newList.kind });
                setNewList({ name: '', kind: newList.kind });
              });
            }}
          >
            <input
              placeholder="new watchlist name"
              value={newList.name}
              maxLength={60}
              required
              onChange={(e) => setNewList({ ...newList, name: e.target.value })}
              data-testid="watchlist-name"
            />
            <select value={newList.kind} aria-label="Kind" onChange={(e) => setNewList({ ...newList, kind: e.target.value as WatchlistKind })}>
              <Options items={WATCHLIST_KINDS} value={(k) => k} />
            </select>
            <Button type="submit" variant="primary" busy={action.pending} data-testid="watchlist-create">
              Create
            </Button>
          </form>
          <ErrorNotice error={action.error} />
          <ul data-testid="watchlists">
            {lists.data?.watchlists.map((w) => (
              <li key={w.id}>
                <strong>{w.name}</strong> ({w.kind}, {w.members} members){' '}
                <Button variant="danger" onClick={() => act(() => client.call('authors.watchlists.remove', { id: w.id }))}>
                  Delete
                </Button>
              </li>
            ))}
          </ul>
          <h3>Segments</h3>
          <dl className="segment-rules">
            {AUTHOR_SEGMENTS.map((s) => (
              <div key={s}>
                <dt>{s}</dt>
                <dd>{SEGMENT_RULES[s]}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section className="console__section" aria-labelledby="weights-heading">
          <h2 id="weights-heading">Clout weights</h2>
          <CloutWeightsForm />
        </section>
      </div>
    </ConsoleFrame>
  );
}

function CloutWeightsForm() {
  const client = useClient();
  const { data, error } = useQuery('understanding.cloutWeights.get', {});
  const [weights, setWeights] = useState<CloutWeights | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const saving = useAction<CloutWeights>();
  useEffect(() => {
    if (data) setWeights(data.weights);
  }, [data]);
  if (!weights || !data) return error ? <ErrorNotice error={error} /> : <EmptyState>Loading…</EmptyState>;
  const save = (next: CloutWeights): void => {
    const parsed = cloutWeightsSchema.safeParse(next);
    setInvalid(parsed.success ? null : (parsed.error.issues[0]?.message ?? 'invalid weights'));
    if (parsed.success) saving.run(async () => (await client.call('understanding.cloutWeights.set', { weights: parsed.data })).weights, setWeights);
  };
  return (
    <div className="clout-weights" data-testid="clout-weights">
      <EmptyState>
        Clout (0–100) is a weighted average of five parts, each scored 0–1. Urgency = negativity × (0.2 + 0.8 × clout/100) × spreading speed.
      </EmptyState>
      {CLOUT_COMPONENTS.map((k) => (
        <label key={k} className="clout-weights__row">
          <span className="clout-weights__name">{k}</span>
          <input
            type="number"
            min={0}
            max={10}
            step={0.05}
            value={weights[k]}
            onChange={(e) => setWeights({ ...weights, [k]: Number(e.target.value) })}
            data-testid={`weight-${k}`}
          />
          <span className="clout-weights__why">{data.explanations[k]}</span>
        </label>
      ))}
      <Button variant="primary" busy={saving.pending} onClick={() => save(weights)} data-testid="weights-save">
        Save weights
      </Button>{' '}
      <Button busy={saving.pending} onClick={() => save(data.defaults)}>
        Defaults
      </Button>
      <ErrorNotice error={invalid ?? saving.error} />
      {saving.result && !invalid && <p role="status">Saved: applies to mentions and authors from now on.</p>}
    </div>
  );
}
