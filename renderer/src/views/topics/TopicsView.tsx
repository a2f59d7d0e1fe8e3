import { useState } from 'react';
import type { Topic } from '../../../../shared/domain/topic';
import { useTopicsStore } from '../../stores/topics';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { QueryHelp } from './QueryHelp';
import { TopicEditor } from './TopicEditor';
import { TopicRow } from './TopicRow';
import { useShareOfVoice, useTopicsSync } from './use-topics-sync';
import './topics.css';
import '../sources/sources.css';

/** Minutes of the per-topic totals shown in the list. */
const SHARE_WINDOW_MINUTES = 60;

type Editing = { mode: 'new' } | { mode: 'edit'; topic: Topic } | null;

/** The topics settings screen: what Earshot listens for, each as a Boolean query. */
export function TopicsView() {
  const syncError = useTopicsSync();
  const shares = useShareOfVoice(SHARE_WINDOW_MINUTES);
  const topics = useTopicsStore((s) => s.topics);
  const loaded = useTopicsStore((s) => s.loaded);
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <ConsoleFrame current="topics">
      <section className="console__section" aria-labelledby="topics-heading">
        <div className="topics-heading">
          <h2 id="topics-heading">Topics</h2>
          <button type="button" className="btn btn--primary" data-testid="add-topic" disabled={editing?.mode === 'new'} onClick={() => setEditing({ mode: 'new' })}>
            Add topic
          </button>
        </div>
        {syncError && <div className="call-error" role="alert">Could not load topics: {syncError}</div>}
        {editing && <TopicEditor key={editing.mode === 'edit' ? editing.topic.id : 'new'} topic={editing.mode === 'edit' ? editing.topic : null} onDone={() => setEditing(null)} />}
        {loaded && topics.length === 0 && !editing && (
          <p className="console__empty" data-testid="topics-empty">
            No topics yet. Add your brand, each competitor, a campaign: every incoming mention is tagged with the topics it matches.
          </p>
        )}
        {topics.length > 0 && (
          <div className="console__table-wrap">
            <table className="sources-table topics-table" data-testid="topics-table">
              <thead>
                <tr>
                  <th scope="col">Topic</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Query</th>
                  <th scope="col" className="num">Last hour</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {topics.map((t) => (
                  <TopicRow key={t.id} topic={t} share={shares.get(t.id)} onEdit={() => setEditing({ mode: 'edit', topic: t })} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="console__section" aria-labelledby="query-help-heading">
        <h2 id="query-help-heading">Query language</h2>
        <QueryHelp />
      </section>
    </ConsoleFrame>
  );
}
