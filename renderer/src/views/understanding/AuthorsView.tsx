import { useEffect, useState } from 'react';
import { signedInPerson } from '../../lib/identity';
import { AUTHOR_SEGMENTS, SEGMENT_RULES, WATCHLIST_KINDS, type AuthorSegment, type WatchlistKind } from '../../../../shared/domain/author';
import { CLOUT_COMPONENTS, cloutWeightsSchema, type CloutWeights } from '../../../../shared/logic/clout';
import { useClient } from '../../lib/client-context';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { errorText, useCall } from './use-call';
import '../sources/sources.css';
import './understanding.css';

/** Authors: search, profiles (history, segment, clout explained), watchlists, clout weights. */
export function AuthorsView() {
  const client = useClient();
  const [query, setQuery] = useState('');
  const [segment, setSegment] = useState<AuthorSegment | ''>('');
  const search = useCall('authors.search', { query, segment: segment || null, limit: 50 }, `s:${query}:${segment}`);
  const [selected, setSelected] = useState<number | null>(null);
  const profile = useCall('authors.profile', selected === null ? null : { id: selected, mentionLimit: 50 }, `p:${selected}`);
  const lists = useCall('authors.watchlists.list', {}, 'lists');
  const [error, setError] = useState<string | null>(null);
  const [newList, setNewList] = useState({ name: '', kind: 'vip' as WatchlistKind });
  const [by] = useState(() => signedInPerson() ?? (localStorage.getItem('earshot.agent') || 'console'));

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await work();
      lists.reload();
      profile.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const p = profile.data;
  return (
    <ConsoleFrame current="authors">
      <div className="understanding">
        <section className="console__section" aria-labelledby="authors-heading">
          <div className="understanding__heading">
            <h2 id="authors-heading">Authors</h2>
            <input type="search" placeholder="handle or name" value={query} maxLength={100} onChange={(e) => setQuery(e.target.value)} data-testid="author-search" />
            <select value={segment} aria-label="Segment" onChange={(e) => setSegment(e.target.value as AuthorSegment | '')}>
              <option value="">all segments</option>
              {AUTHOR_SEGMENTS.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
          {search.error && <div className="call-error" role="alert">{search.error}</div>}
          <div className="console__table-wrap">
            <table className="sources-table" data-testid="authors-table">
              <thead>
                <tr>
                  <th scope="col">Author</th><th scope="col">Platform</th><th scope="col">Segment</th>
                  <th scope="col" className="num">Clout</th><th scope="col" className="num">Followers</th><th scope="col" className="num">Mentions</th>
                  <th scope="col" className="num">Neg / pos</th>
                </tr>
              </thead>
              <tbody>
                {search.data?.authors.map((a) => (
                  <tr key={a.id} className={a.id === selected ? 'authors-table__row--current' : undefined}>
                    <td>
                      <button type="button" className="link-button" data-testid={`author-${a.handle}`} onClick={() => setSelected(a.id)}>
                        @{a.handle}
                      </button>{' '}
                      {a.name}{a.verified && ' ✓'}
                    </td>
                    <td>{a.platform}</td>
                    <td>{a.segment}</td>
                    <td className="num">{a.clout.toFixed(0)}</td>
                    <td className="num">{a.followers.toLocaleString()}</td>
                    <td className="num">{a.mentions}</td>
                    <td className="num">{a.negative} / {a.positive}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="console__section" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          {profile.error && <div className="call-error" role="alert">{profile.error}</div>}
          {!p && <p className="console__empty">Pick an author.</p>}
          {p && (
            <div className="profile" data-testid="author-profile">
              <p>
                <strong>@{p.author.handle}</strong> {p.author.name} on {p.author.platform} · {p.author.followers.toLocaleString()} followers
                {p.author.verified && ' · verified'} · seen {p.author.mentions} times since {new Date(p.author.firstSeen).toLocaleDateString()}
              </p>
              <p data-testid="author-segment">
                Segment <strong>{p.author.segment}</strong>: {p.segmentRule}
              </p>
              <table className="sources-table profile__clout" data-testid="clout-explained">
                <caption>Clout {p.author.clout.toFixed(1)} = 100 × Σ weight × part ÷ Σ weights</caption>
                <thead><tr><th scope="col">Part</th><th scope="col" className="num">Score 0–1</th><th scope="col" className="num">Weight</th></tr></thead>
                <tbody>
                  {CLOUT_COMPONENTS.map((k) => (
                    <tr key={k}><td>{k}</td><td className="num">{p.cloutParts[k].toFixed(2)}</td><td className="num">{p.cloutWeights[k]}</td></tr>
                  ))}
                </tbody>
              </table>
              <h3>Sentiment by day</h3>
              <ul className="sentiment-days">
                {p.sentimentByDay.map((d) => (
                  <li key={d.day}>
                    {new Date(d.day).toLocaleDateString()}: <span className="sentiment sentiment--negative">{d.negative}</span> <span className="sentiment sentiment--neutral">{d.neutral}</span>{' '}
                    <span className="sentiment sentiment--positive">{d.positive}</span>{d.unknown > 0 && <> <span className="sentiment sentiment--unknown">{d.unknown}</span></>}
                  </li>
                ))}
              </ul>
              <h3>Watchlists</h3>
              <p>
                {p.watchlists.length === 0 ? 'On no watchlist. ' : p.watchlists.map((w) => (
                  <span key={w.id} className="chip">
                    {w.name}{' '}
                    <button type="button" className="link-button" aria-label={`Remove from ${w.name}`} onClick={() => void act(() => client.call('authors.watchlists.removeMember', { watchlistId: w.id, authorId: p.author.id }))}>×</button>
                  </span>
                ))}
                {lists.data?.watchlists.filter((w) => !p.watchlists.some((x) => x.id === w.id)).map((w) => (
                  <button key={w.id} type="button" className="btn" data-testid={`add-to-${w.name}`} onClick={() => void act(() => client.call('authors.watchlists.add', { watchlistId: w.id, authorId: p.author.id, by }))}>
                    Add to {w.name}
                  </button>
                ))}
              </p>
              <h3>Mentions</h3>
              <ul className="review-list">
                {p.mentions.map((m) => (
                  <li key={m.id} className="review-list__item">
                    <span className={`sentiment sentiment--${m.sentiment}`}>{m.sentiment}</span>
                    <span className="review-list__who">{new Date(m.publishedAt).toLocaleString()}</span>
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
              void act(async () => {
                await client.call('authors.watchlists.create', { name: newList.name.trim(), kind: newList.kind });
                setNewList({ name: '', kind: newList.kind });
              });
            }}
          >
            <input placeholder="new watchlist name" value={newList.name} maxLength={60} required onChange={(e) => setNewList({ ...newList, name: e.target.value })} data-testid="watchlist-name" />
            <select value={newList.kind} aria-label="Kind" onChange={(e) => setNewList({ ...newList, kind: e.target.value as WatchlistKind })}>
              {WATCHLIST_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
            <button type="submit" className="btn btn--primary" data-testid="watchlist-create">Create</button>
          </form>
          {error && <div className="call-error" role="alert">{error}</div>}
          <ul data-testid="watchlists">
            {lists.data?.watchlists.map((w) => (
              <li key={w.id}>
                <strong>{w.name}</strong> ({w.kind}, {w.members} members){' '}
                <button type="button" className="btn btn--danger" onClick={() => void act(() => client.call('authors.watchlists.remove', { id: w.id }))}>Delete</button>
              </li>
            ))}
          </ul>
          <h3>Segments</h3>
          <dl className="segment-rules">
            {AUTHOR_SEGMENTS.map((s) => (
              <div key={s}><dt>{s}</dt><dd>{SEGMENT_RULES[s]}</dd></div>
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
  const { data, error } = useCall('understanding.cloutWeights.get', {}, 'weights');
  const [weights, setWeights] = useState<CloutWeights | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (data) setWeights(data.weights);
  }, [data]);
  if (error) return <div className="call-error" role="alert">{error}</div>;
  if (!weights || !data) return <p className="console__empty">Loading…</p>;
  const save = async (next: CloutWeights): Promise<void> => {
    const parsed = cloutWeightsSchema.safeParse(next);
    if (!parsed.success) {
      setMessage(parsed.error.issues[0]?.message ?? 'invalid weights');
      return;
    }
    try {
      setWeights((await client.call('understanding.cloutWeights.set', { weights: parsed.data })).weights);
      setMessage('Saved: applies to mentions and authors from now on.');
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return (
    <div className="clout-weights" data-testid="clout-weights">
      <p className="console__empty">Clout (0–100) is a weighted average of five parts, each scored 0–1. Urgency = negativity × (0.2 + 0.8 × clout/100) × spreading speed.</p>
      {CLOUT_COMPONENTS.map((k) => (
        <label key={k} className="clout-weights__row">
          <span className="clout-weights__name">{k}</span>
          <input type="number" min={0} max={10} step={0.05} value={weights[k]} onChange={(e) => setWeights({ ...weights, [k]: Number(e.target.value) })} data-testid={`weight-${k}`} />
          <span className="clout-weights__why">{data.explanations[k]}</span>
        </label>
      ))}
      <button type="button" className="btn btn--primary" onClick={() => void save(weights)} data-testid="weights-save">Save weights</button>{' '}
      <button type="button" className="btn" onClick={() => void save(data.defaults)}>Defaults</button>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
