import { useState } from 'react';
import type { Topic } from '@shared/domain/topic';
import { Button, DataTable, ErrorNotice } from '../../ui';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { QueryHelp } from './QueryHelp';
import { TopicEditor } from './TopicEditor';
import { topicColumns } from './topic-columns';
import { useShareOfVoice, useTopicList } from './use-topics';
import './topics.css';

/** Minutes of the per-topic totals shown in the list. */
const SHARE_WINDOW_MINUTES = 60;

type Editing = { mode: 'new' } | { mode: 'edit'; topic: Topic } | null;

/** The topics settings screen: what Earshot listens for, each as a Boolean query. */
export function TopicsView() {
  const list = useTopicList();
  const shares = useShareOfVoice(SHARE_WINDOW_MINUTES);
  const topics = list.data ?? [];
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <ConsoleFrame current="topics">
      <section className="console__section" aria-labelledby="topics-heading">
        <div className="topics-heading">
          <h2 id="topics-heading">Topics</h2>
          <Button variant="primary" data-testid="add-topic" disabled={editing?.mode === 'new'} onClick={() => setEditing({ mode: 'new' })}>
            Add topic
          </Button>
        </div>
        <ErrorNotice error={list.error && `Could not load topics: ${list.error}`} />
        {editing && (
          <TopicEditor
            key={editing.mode === 'edit' ? editing.topic.id : 'new'}
            topic={editing.mode === 'edit' ? editing.topic : null}
            others={topics}
            onDone={(saved) => {
              setEditing(null);
              if (saved) list.reload();
            }}
          />
        )}
        {list.data && (topics.length > 0 || !editing) && (
          <DataTable
            testId="topics-table"
            className="topics-table"
            rows={topics}
            rowKey={(t) => t.id}
            rowHeader
            rowTestId={() => 'topic-row'}
            rowData={(t) => ({ 'data-topic-id': t.id, 'data-topic-name': t.name, 'data-enabled': String(t.enabled) })}
            rowClassName={(t) => (t.enabled ? undefined : 'topics-table__row--paused')}
            empty={
              <span data-testid="topics-empty">
                No topics yet. Add your brand, each competitor, a campaign: every incoming mention is tagged with the topics it matches.
              </span>
            }
            columns={topicColumns(shares, (topic) => setEditing({ mode: 'edit', topic }))}
          />
        )}
      </section>
      <section className="console__section" aria-labelledby="query-help-heading">
        <h2 id="query-help-heading">Query language</h2>
        <QueryHelp />
      </section>
    </ConsoleFrame>
  );
}
