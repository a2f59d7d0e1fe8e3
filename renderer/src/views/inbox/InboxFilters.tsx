/** The inbox's filters and search; the search box takes the topic query language (Enter applies). */
import { EMOTIONS } from '@shared/domain/emotion';
import { forwardRef, useState } from 'react';
import type { InboxFilterParams } from '@shared/contract/areas/care';
import { CONVERSATION_STATUSES, type ConversationStatus } from '@shared/domain/care';
import { PLATFORMS, type Platform } from '@shared/domain/mention';
import type { Topic } from '@shared/domain/topic';
import type { InboxSort } from '../../stores/care';
import { Options } from '../../ui';

export interface InboxFiltersProps {
  filter: InboxFilterParams;
  sort: InboxSort;
  topics: Topic[];
  /** The configured sources: two on one platform (two Mastodon hashtags) are told apart here. */
  sources: { id: string; name: string }[];
  operator: string;
  onChange: (filter: InboxFilterParams, sort: InboxSort) => void;
}

type StatusChoice = 'open' | 'all' | ConversationStatus;

function statusChoice(f: InboxFilterParams): StatusChoice {
  if (!f.statuses || f.statuses.length === 0) return 'open';
  if (f.statuses.length === CONVERSATION_STATUSES.length) return 'all';
  return f.statuses[0]!;
}

function without<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}

export const InboxFilters = forwardRef<HTMLInputElement, InboxFiltersProps>(function InboxFilters(
  { filter, sort, topics, sources, operator, onChange },
  searchRef,
) {
  const [search, setSearch] = useState(filter.search ?? '');
  const set = <K extends keyof InboxFilterParams>(key: K, value: InboxFilterParams[K] | undefined) =>
    onChange(value === undefined || value === '' ? without(filter, key) : { ...filter, [key]: value }, sort);

  return (
    <form className="inbox-filters" onSubmit={(e) => e.preventDefault()} aria-label="Inbox filters">
      <input
        ref={searchRef}
        type="search"
        className="inbox-filters__search"
        placeholder='Search (topic query language: refund AND "no signal", #KestrelDown, author:maria) — press /'
        value={search}
        maxLength={500}
        onChange={(e) => setSearch(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') set('search', search.trim() || undefined);
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
        data-testid="inbox-search"
      />
      <label>
        Queue
        <select
          value={filter.needsReply === undefined ? 'all' : filter.needsReply ? 'reply' : 'no-reply'}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set('needsReply', v === 'all' ? undefined : v === 'reply');
          }}
          title="q switches between what needs a reply and the rest"
          data-testid="filter-queue"
        >
          <option value="reply">needs a reply</option>
          <option value="no-reply">no reply needed</option>
          <option value="all">everything</option>
        </select>
      </label>
      <label>
        Status
        <select
          value={statusChoice(filter)}
          onChange={(e) => {
            const v = e.currentTarget.value as StatusChoice;
            set('statuses', v === 'open' ? undefined : v === 'all' ? [...CONVERSATION_STATUSES] : [v]);
          }}
          data-testid="filter-status"
        >
          <option value="open">open</option>
          <Options items={CONVERSATION_STATUSES} value={(s) => s} />
          <option value="all">all</option>
        </select>
      </label>
      <label>
        Assignee
        <select
          value={filter.assignee === undefined ? 'any' : filter.assignee === null ? 'none' : filter.assignee === operator ? 'me' : 'other'}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === 'any') onChange(without(filter, 'assignee'), sort);
            else onChange({ ...filter, assignee: v === 'none' ? null : operator }, sort);
          }}
          data-testid="filter-assignee"
        >
          <option value="any">anyone</option>
          <option value="me">me</option>
          <option value="none">unassigned</option>
          {filter.assignee && filter.assignee !== operator && <option value="other">{filter.assignee}</option>}
        </select>
      </label>
      <label>
        Topic
        <select
          value={filter.topicId ?? ''}
          onChange={(e) => set('topicId', e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
          data-testid="filter-topic"
        >
          <Options items={topics} value={(t) => t.id} label={(t) => t.name} empty="any" />
        </select>
      </label>
      <label>
        Source
        <select value={filter.sourceId ?? ''} onChange={(e) => set('sourceId', e.currentTarget.value || undefined)} data-testid="filter-source">
          <Options items={sources} value={(s) => s.id} label={(s) => s.name} empty="any" />
        </select>
      </label>
      <label>
        Platform
        <select
          value={filter.platform ?? ''}
          onChange={(e) => set('platform', (e.currentTarget.value || undefined) as Platform | undefined)}
          data-testid="filter-platform"
        >
          <Options items={PLATFORMS} value={(p) => p} empty="any" />
        </select>
      </label>
      <label>
        Sentiment
        <select
          value={filter.sentiment ?? ''}
          onChange={(e) => set('sentiment', (e.currentTarget.value || undefined) as InboxFilterParams['sentiment'])}
          data-testid="filter-sentiment"
        >
          <option value="">any</option>
          <option value="negative">negative</option>
          <option value="neutral">neutral</option>
          <option value="positive">positive</option>
          <option value="unknown">unknown</option>
        </select>
      </label>
      <label>
        Emotion
        <select
          value={filter.emotion ?? ''}
          onChange={(e) => set('emotion', (e.currentTarget.value || undefined) as InboxFilterParams['emotion'])}
          data-testid="filter-emotion"
        >
          <Options items={EMOTIONS} value={(x) => x} empty="any" />
        </select>
      </label>
      <label>
        Intent
        <input
          defaultValue={filter.intent ?? ''}
          size={9}
          maxLength={50}
          onKeyDown={(e) => e.key === 'Enter' && set('intent', e.currentTarget.value.trim() || undefined)}
          placeholder="complaint"
          data-testid="filter-intent"
        />
      </label>
      <label>
        Segment
        <input
          defaultValue={filter.segment ?? ''}
          size={8}
          maxLength={50}
          onKeyDown={(e) => e.key === 'Enter' && set('segment', e.currentTarget.value.trim() || undefined)}
          placeholder="vip"
          data-testid="filter-segment"
        />
      </label>
      <label>
        Language
        <input
          defaultValue={filter.lang ?? ''}
          size={4}
          maxLength={20}
          onKeyDown={(e) => e.key === 'Enter' && set('lang', e.currentTarget.value.trim() || undefined)}
          placeholder="en"
          data-testid="filter-lang"
        />
      </label>
      <label>
        Sort
        <select value={sort} onChange={(e) => onChange(filter, e.currentTarget.value as InboxSort)} data-testid="inbox-sort">
          <option value="urgency">most urgent</option>
          <option value="waiting">waiting longest</option>
          <option value="newest">newest activity</option>
        </select>
      </label>
    </form>
  );
});
