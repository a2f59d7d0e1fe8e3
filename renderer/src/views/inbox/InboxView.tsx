/**
 * The community manager's inbox (`#/inbox`): KPIs on top, the triage queue on the left, the open
 * conversation and the reply composer on the right. Everything works from the keyboard (press ?).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationDetail, ConversationSummary, PrivateChannel } from '@shared/domain/care';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { useClient } from '../../lib/client-context';
import { loadOperatorName } from '../../lib/operator-name';
import { useTimeContext } from '../../replay/time-context';
import { careActions, useCareStore } from '../../stores/care';
import { CareKpis } from '../../widgets/CareKpis';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { OperatorNameField } from '../common/OperatorNameField';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { EscalateDialog, HelpOverlay, PrivateDialog, TextDialog } from './Dialogs';
import { InboxFilters } from './InboxFilters';
import { ReplayInbox } from './replay/ReplayInbox';
import { withConversation } from './queue';
import { useAnnouncePresence, useCareKpis, useConversation, useInboxQueue, usePresence } from './use-inbox-data';
import { Button, EmptyState, ErrorNotice } from '../../ui';
import './inbox.css';
import { AuthorSidebar } from './AuthorSidebar';
import { BulkBar } from './BulkBar';
import { SavedViewsControl } from './SavedViewsControl';

const EMPTY: ConversationSummary[] = [];

type DialogKind = 'tag' | 'note' | 'private' | 'escalate' | 'help' | null;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** In replay the inbox shows the queue and threads as they stood then, read-only. */
export function InboxView() {
  const replaying = useTimeContext((s) => s.mode === 'replay');
  return replaying ? <ReplayInbox /> : <LiveInbox />;
}

function LiveInbox() {
  const client = useClient();
  const [operator, setOperator] = useState(loadOperatorName);
  const [replying, setReplying] = useState(false);
  const [dialog, setDialog] = useState<DialogKind>(null);
  // Bumped when a saved view is applied, so the filter fields show its values.
  const [viewEpoch, setViewEpoch] = useState(0);
  const topics = useQuery('topics.list', {}, { refreshOn: ['topics.changed'] }).data?.topics ?? [];
  const sources = useQuery('sources.list', {}).data?.sources ?? [];
  const templates = useQuery('care.templates.list', {}).data?.templates ?? [];
  const accounts = useQuery('care.accounts.list', {}).data?.accounts ?? [];
  const agents = useQuery('care.team.get', {}).data?.agents ?? [];
  const settings = useQuery('care.settings.get', {}).data?.settings ?? null;
  const composer = useRef<HTMLTextAreaElement>(null);
  const search = useRef<HTMLInputElement>(null);

  const s = useCareStore();
  const queue = useInboxQueue(s.filter, s.sort);
  const conversation = useConversation(s.selectedId);
  const presence = usePresence().data ?? [];
  const kpis = useCareKpis();
  useAnnouncePresence(s.selectedId, operator, replying);
  const items = queue.data?.items ?? EMPTY;
  // Handlers bound once read the list as it is when the key is pressed.
  const itemsRef = useRef(items);
  itemsRef.current = items;

  // A new first page (filter, sort, reconnection) keeps the open conversation if it is in it, else opens the top one.
  const snapshot = queue.data?.snapshot ?? null;
  useEffect(() => {
    if (snapshot === null) return;
    const { selectedId } = useCareStore.getState();
    if (selectedId === null || !itemsRef.current.some((c) => c.id === selectedId)) careActions.select(itemsRef.current[0]?.id ?? null);
  }, [snapshot]);

  useEffect(() => () => careActions.reset(), []);

  const selected = conversation.data && conversation.data.conversation.id === s.selectedId ? conversation.data : null;
  const { update: updateQueue } = queue;
  const { update: updateDetail, reload: reloadDetail } = conversation;
  const { reload: reloadKpis } = kpis;
  const applyConversation = useCallback(
    (c: ConversationSummary) => {
      updateQueue((q) => withConversation(q, c));
      updateDetail((d) => (d && d.conversation.id === c.id ? { ...d, conversation: c } : d));
    },
    [updateQueue, updateDetail],
  );
  const applyDetail = useCallback(
    (d: ConversationDetail) => {
      updateQueue((q) => withConversation(q, d.conversation));
      updateDetail(() => d);
    },
    [updateQueue, updateDetail],
  );

  /** Runs one action on the selected conversation and shows what happened. */
  const action = useAction<string>();
  const { run: runAction, pending: busy } = action;
  const act = useCallback(
    (label: string, run: (id: number) => Promise<unknown>) => {
      const id = useCareStore.getState().selectedId;
      if (id === null || !operator.trim()) {
        careActions.notice('error', operator.trim() ? 'No conversation selected' : 'Type your name first (top right)');
        return;
      }
      runAction(
        async () => (await run(id), label),
        (done) => {
          careActions.notice('ok', done);
          reloadDetail();
          reloadKpis();
        },
      );
    },
    [operator, runAction, reloadDetail, reloadKpis],
  );
  useEffect(() => {
    if (action.error) careActions.notice('error', action.error);
  }, [action.error]);

  const claim = useCallback(
    () =>
      act('Assigned to you', async (id) => {
        const r = await client.call('care.conversation.claim', { id, agent: operator });
        applyConversation(r.conversation);
        if (!r.claimed) throw new Error(`${r.holder ?? 'someone else'} has this conversation`);
      }),
    [act, applyConversation, client, operator],
  );

  // Auto-advance: after a resolve the next conversation in the queue opens, as an agent works down it.
  const resolve = useCallback(
    () =>
      act('Resolved', async (id) => {
        const list = itemsRef.current;
        const index = list.findIndex((c) => c.id === id);
        const next = list[index + 1] ?? list[index - 1] ?? null;
        applyConversation((await client.call('care.conversation.resolve', { id, by: operator })).conversation);
        if (next && useCareStore.getState().selectedId === id) careActions.select(next.id);
      }),
    [act, applyConversation, client, operator],
  );
  const { reload: reloadQueue } = queue;
  const bulkDone = useCallback(() => {
    reloadQueue();
    reloadKpis();
  }, [reloadQueue, reloadKpis]);
  const waiting = useCallback(
    () =>
      act('Waiting on the customer', async (id) =>
        applyConversation((await client.call('care.conversation.setStatus', { id, status: 'waiting-on-customer', by: operator })).conversation),
      ),
    [act, applyConversation, client, operator],
  );

  // The agent's correction: flips the verdict and teaches triage about this author.
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const markTriage = useCallback(
    () =>
      act('Triage corrected', async (id) => {
        const current = itemsRef.current.find((c) => c.id === id) ?? selectedRef.current?.conversation;
        const needsReply = !(current?.needsReply ?? true);
        applyConversation((await client.call('care.conversation.triage', { id, needsReply, teach: true, by: operator })).conversation);
      }),
    [act, applyConversation, client, operator],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog !== null || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const handlers: Record<string, () => void> = {
        j: () => careActions.move(1, itemsRef.current),
        ArrowDown: () => careActions.move(1, itemsRef.current),
        k: () => careActions.move(-1, itemsRef.current),
        ArrowUp: () => careActions.move(-1, itemsRef.current),
        a: claim,
        t: () => setDialog('tag'),
        n: () => setDialog('note'),
        r: () => composer.current?.focus(),
        p: () => setDialog('private'),
        e: () => setDialog('escalate'),
        x: resolve,
        w: waiting,
        q: () => {
          const { filter, sort } = useCareStore.getState();
          careActions.setQuery({ ...filter, needsReply: filter.needsReply === false }, sort);
        },
        m: markTriage,
        '/': () => search.current?.focus(),
        '?': () => setDialog('help'),
      };
      const handler = handlers[e.key];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, claim, resolve, waiting, markTriage]);

  const close = () => setDialog(null);
  const unseen = queue.data?.unseen.length ?? 0;
  const topicName = selected ? (topics.find((t) => selected.conversation.topicIds.includes(t.id))?.name ?? null) : null;
  const operatorRole = agents.find((a) => a.name === operator)?.role ?? null;
  const needsApproval =
    !!selected &&
    !!settings &&
    operatorRole !== 'lead' &&
    operatorRole !== 'pr-legal' &&
    settings.approvalTopicIds.some((t) => selected.conversation.topicIds.includes(t));

  return (
    <ConsoleFrame current="inbox">
      <div className="inbox" data-testid="inbox">
        <div className="inbox__top">
          <CareKpis kpis={kpis.data} period="last 7 days" showAgents={settings?.leaderboard ?? false} />
          <OperatorNameField value={operator} onChange={setOperator} />
        </div>
        <InboxFilters
          key={viewEpoch}
          ref={search}
          filter={s.filter}
          sort={s.sort}
          topics={topics}
          sources={sources}
          operator={operator}
          onChange={careActions.setQuery}
        />
        <SavedViewsControl filter={s.filter} sort={s.sort} onApply={() => setViewEpoch((n) => n + 1)} />
        <div className="inbox__status" role="status">
          {queue.data?.totalIsLowerBound ? 'at least ' : ''}
          <span data-testid="inbox-total">{(queue.data?.total ?? 0).toLocaleString()}</span> conversations
          {queue.data === null || queue.loadingMore ? ' · loading…' : ''}
          {unseen > 0 && (
            <Button className="inbox__new" onClick={reloadQueue} data-testid="inbox-new">
              {unseen} new — show
            </Button>
          )}
          <ErrorNotice className="inbox__error" error={queue.error} />
          {s.notice && (
            <span className={`inbox__notice inbox__notice--${s.notice.kind}`} data-testid="inbox-notice" onAnimationEnd={careActions.clearNotice}>
              {s.notice.text}
            </span>
          )}
          <Button className="inbox__help" onClick={() => setDialog('help')} data-testid="inbox-help">
            <kbd>?</kbd> shortcuts
          </Button>
        </div>
        <div className="inbox__main">
          <div className="inbox__queue">
            <BulkBar
              checked={s.checked}
              filter={s.filter}
              total={queue.data?.total ?? 0}
              openId={s.selectedId}
              operator={operator}
              templates={templates}
              onDone={bulkDone}
            />
            <ConversationList
              items={items}
              selectedId={s.selectedId}
              presence={presence}
              operator={operator}
              hasMore={(queue.data?.nextCursor ?? null) !== null}
              onSelect={careActions.select}
              onNearEnd={queue.loadMore}
              checked={s.checked}
              onCheck={(id, range) => careActions.toggleCheck(id, range, items)}
            />
          </div>
          <div className="inbox__detail">
            {selected ? (
              <>
                <div className="inbox__actions">
                  <Button disabled={busy} onClick={claim} data-testid="action-claim">
                    <kbd>a</kbd> assign to me
                  </Button>
                  <Button disabled={busy} onClick={() => setDialog('tag')}>
                    <kbd>t</kbd> tag
                  </Button>
                  <Button disabled={busy} onClick={() => setDialog('note')}>
                    <kbd>n</kbd> note
                  </Button>
                  <Button disabled={busy} onClick={() => composer.current?.focus()}>
                    <kbd>r</kbd> reply
                  </Button>
                  <Button disabled={busy} onClick={() => setDialog('private')}>
                    <kbd>p</kbd> move to private
                  </Button>
                  <Button disabled={busy} onClick={() => setDialog('escalate')}>
                    <kbd>e</kbd> escalate
                  </Button>
                  <Button disabled={busy} onClick={waiting}>
                    <kbd>w</kbd> waiting
                  </Button>
                  <Button variant="primary" disabled={busy} onClick={resolve} data-testid="action-resolve">
                    <kbd>x</kbd> resolve
                  </Button>
                  {selected.conversation.status === 'resolved' && (
                    <label className="inbox__survey">
                      Survey answer (CSAT)
                      <select
                        value=""
                        onChange={(e) => {
                          const csat = Number(e.currentTarget.value);
                          if (csat >= 1 && csat <= 5)
                            act(`CSAT ${csat}/5 recorded`, (id) => client.call('care.conversation.survey', { id, csat, by: operator }));
                        }}
                        data-testid="survey-csat"
                      >
                        <option value="">—</option>
                        {[5, 4, 3, 2, 1].map((v) => (
                          <option key={v} value={v}>
                            {v} / 5
                          </option>
                        ))}
                      </select>
                    </label>
                  )}
                  {selected.conversation.status === 'escalated' && (
                    <Button
                      disabled={busy}
                      onClick={() => act('Handed back', (id) => client.call('care.conversation.deEscalate', { id, note: 'handed back', by: operator }))}
                    >
                      hand back
                    </Button>
                  )}
                </div>
                <ConversationPane
                  detail={selected}
                  presence={presence}
                  operator={operator}
                  onRetry={(replyId, byHand) =>
                    act(byHand ? 'Recorded as sent by hand' : 'Sent again', () =>
                      client.call('care.replies.retry', { replyId, by: operator, byHand }).then(applyDetail),
                    )
                  }
                  onApprove={(replyId, approve) =>
                    act(approve ? 'Approved' : 'Rejected', () => client.call('care.replies.approve', { replyId, by: operator, approve }).then(applyDetail))
                  }
                />
                <AuthorSidebar conversation={selected.conversation} />
                <Composer
                  key={selected.conversation.id}
                  ref={composer}
                  conversation={selected.conversation}
                  templates={templates}
                  accounts={accounts}
                  operator={operator}
                  topicName={topicName}
                  needsApproval={needsApproval}
                  busy={busy}
                  onFocusChange={setReplying}
                  onSend={(text, templateId, accountId) =>
                    act(accountId === null ? 'Copied; recorded as sent by hand' : 'Reply sent', async (id) => {
                      const detail = await client.call('care.replies.send', { conversationId: id, author: operator, text, templateId, accountId });
                      applyDetail(detail);
                      const last = detail.replies[detail.replies.length - 1];
                      if (last?.status === 'failed') throw new Error(`Not sent: ${last.error ?? 'unknown reason'}`);
                    })
                  }
                />
              </>
            ) : (
              <EmptyState>{items.length === 0 && queue.data !== null ? 'Nothing in this queue.' : 'Select a conversation (j / k).'}</EmptyState>
            )}
          </div>
        </div>
      </div>
      {dialog === 'tag' && (
        <TextDialog
          title="Tag"
          label="Tag"
          testId="tag-dialog"
          onClose={close}
          onSubmit={(tag) => {
            close();
            act(`Tagged "${tag}"`, async (id) => applyConversation((await client.call('care.conversation.tag', { id, tag, by: operator })).conversation));
          }}
        />
      )}
      {dialog === 'note' && (
        <TextDialog
          title="Internal note"
          label="Note (only the team sees it)"
          testId="note-dialog"
          multiline
          onClose={close}
          onSubmit={(text) => {
            close();
            act('Note added', async (id) => applyDetail(await client.call('care.conversation.note', { id, text, by: operator })));
          }}
        />
      )}
      {dialog === 'private' && (
        <PrivateDialog
          onClose={close}
          onSubmit={(channel: PrivateChannel) => {
            close();
            act('Moved to private', async (id) =>
              applyConversation((await client.call('care.conversation.movePrivate', { id, channel, by: operator })).conversation),
            );
          }}
        />
      )}
      {dialog === 'escalate' && (
        <EscalateDialog
          agents={agents}
          onClose={close}
          onSubmit={(to, reason) => {
            close();
            act('Escalated', async (id) => applyConversation((await client.call('care.conversation.escalate', { id, to, reason, by: operator })).conversation));
          }}
        />
      )}
      {dialog === 'help' && <HelpOverlay onClose={close} />}
    </ConsoleFrame>
  );
}
