/**
 * The community manager's inbox (`#/inbox`): KPIs on top, the triage queue on the left, the open
 * conversation and the reply composer on the right. Everything works from the keyboard (press ?).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Agent, CareAccount, CareSettings, PrivateChannel, ReplyTemplate } from '../../../../shared/domain/care';
import type { Topic } from '../../../../shared/domain/topic';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
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
import { useInboxSync } from './use-inbox-sync';
import './inbox.css';
import { AuthorSidebar } from './AuthorSidebar';
import { BulkBar } from './BulkBar';
import { SavedViewsControl } from './SavedViewsControl';

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
  const [busy, setBusy] = useState(false);
  // Bumped when a saved view is applied, so the filter fields show its values.
  const [viewEpoch, setViewEpoch] = useState(0);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [sources, setSources] = useState<{ id: string; name: string }[]>([]);
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);
  const [accounts, setAccounts] = useState<CareAccount[]>([]);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [settings, setSettings] = useState<CareSettings | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const search = useRef<HTMLInputElement>(null);

  const s = useCareStore();
  const { loadMore, reload, refreshKpis, refreshDetail } = useInboxSync(client, operator, replying);

  useEffect(() => {
    return client.onHello(() => {
      client.call('topics.list', {}).then((r) => setTopics(r.topics), () => undefined);
      client.call('sources.list', {}).then((r) => setSources(r.sources.map((x) => ({ id: x.id, name: x.name }))), () => undefined);
      client.call('care.templates.list', {}).then((r) => setTemplates(r.templates), () => undefined);
      client.call('care.accounts.list', {}).then((r) => setAccounts(r.accounts), () => undefined);
      client.call('care.team.get', {}).then((r) => setAgents(r.agents), () => undefined);
      client.call('care.settings.get', {}).then((r) => setSettings(r.settings), () => undefined);
    });
  }, [client]);

  useEffect(() => () => careActions.reset(), []);

  const selected = s.detail && s.detail.conversation.id === s.selectedId ? s.detail : null;

  /** Runs one action on the selected conversation and shows what happened. */
  const act = useCallback(
    (label: string, run: (id: number) => Promise<unknown>) => {
      const id = useCareStore.getState().selectedId;
      if (id === null || !operator.trim()) {
        careActions.notice('error', operator.trim() ? 'No conversation selected' : 'Type your name first (top right)');
        return;
      }
      setBusy(true);
      run(id).then(
        () => {
          careActions.notice('ok', label);
          refreshDetail();
          refreshKpis();
        },
        (error: unknown) => careActions.notice('error', errorMessage(error)),
      ).finally(() => setBusy(false));
    },
    [operator, refreshDetail, refreshKpis],
  );

  const claim = useCallback(
    () =>
      act('Assigned to you', async (id) => {
        const r = await client.call('care.conversation.claim', { id, agent: operator });
        careActions.conversation(r.conversation);
        if (!r.claimed) throw new Error(`${r.holder ?? 'someone else'} has this conversation`);
      }),
    [act, client, operator],
  );

  // Auto-advance: after a resolve the next conversation in the queue opens, as an agent works down it.
  const resolve = useCallback(
    () =>
      act('Resolved', async (id) => {
        const { items } = useCareStore.getState();
        const index = items.findIndex((c) => c.id === id);
        const next = items[index + 1] ?? items[index - 1] ?? null;
        careActions.conversation((await client.call('care.conversation.resolve', { id, by: operator })).conversation);
        if (next && useCareStore.getState().selectedId === id) careActions.select(next.id);
      }),
    [act, client, operator],
  );
  const bulkDone = useCallback(() => {
    reload();
    refreshKpis();
  }, [reload, refreshKpis]);
  const waiting = useCallback(
    () => act('Waiting on the customer', async (id) => careActions.conversation((await client.call('care.conversation.setStatus', { id, status: 'waiting-on-customer', by: operator })).conversation)),
    [act, client, operator],
  );

  // The agent's correction: flips the verdict and teaches triage about this author.
  const markTriage = useCallback(
    () =>
      act('Triage corrected', async (id) => {
        const current = useCareStore.getState().items.find((c) => c.id === id) ?? useCareStore.getState().detail?.conversation;
        const needsReply = !(current?.needsReply ?? true);
        careActions.conversation((await client.call('care.conversation.triage', { id, needsReply, teach: true, by: operator })).conversation);
      }),
    [act, client, operator],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog !== null || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const handlers: Record<string, () => void> = {
        j: () => careActions.move(1),
        ArrowDown: () => careActions.move(1),
        k: () => careActions.move(-1),
        ArrowUp: () => careActions.move(-1),
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
  const topicName = selected ? (topics.find((t) => selected.conversation.topicIds.includes(t.id))?.name ?? null) : null;
  const operatorRole = agents.find((a) => a.name === operator)?.role ?? null;
  const needsApproval = !!selected && !!settings && operatorRole !== 'lead' && operatorRole !== 'pr-legal' && settings.approvalTopicIds.some((t) => selected.conversation.topicIds.includes(t));

  return (
    <ConsoleFrame current="inbox">
      <div className="inbox" data-testid="inbox">
        <div className="inbox__top">
          <CareKpis kpis={s.kpis} period="last 7 days" showAgents={settings?.leaderboard ?? false} />
          <OperatorNameField value={operator} onChange={setOperator} />
        </div>
        <InboxFilters key={viewEpoch} ref={search} filter={s.filter} sort={s.sort} topics={topics} sources={sources} operator={operator} onChange={careActions.setQuery} />
        <SavedViewsControl filter={s.filter} sort={s.sort} onApply={() => setViewEpoch((n) => n + 1)} />
        <div className="inbox__status" role="status">
          <span data-testid="inbox-total">{s.total.toLocaleString()}</span> conversations{s.loading ? ' · loading…' : ''}
          {s.unseen.length > 0 && (
            <button type="button" className="inbox__new" onClick={reload} data-testid="inbox-new">
              {s.unseen.length} new — show
            </button>
          )}
          {s.error && <span className="inbox__error">{s.error}</span>}
          {s.notice && (
            <span className={`inbox__notice inbox__notice--${s.notice.kind}`} data-testid="inbox-notice" onAnimationEnd={careActions.clearNotice}>
              {s.notice.text}
            </span>
          )}
          <button type="button" className="inbox__help" onClick={() => setDialog('help')} data-testid="inbox-help">
            <kbd>?</kbd> shortcuts
          </button>
        </div>
        <div className="inbox__main">
          <div className="inbox__queue">
            <BulkBar checked={s.checked} filter={s.filter} total={s.total} openId={s.selectedId} operator={operator} templates={templates} onDone={bulkDone} />
            <ConversationList items={s.items} selectedId={s.selectedId} presence={s.presence} operator={operator} hasMore={s.nextCursor !== null} onSelect={careActions.select} onNearEnd={loadMore} checked={s.checked} onCheck={careActions.toggleCheck} />
          </div>
          <div className="inbox__detail">
            {selected ? (
              <>
                <div className="inbox__actions">
                  <button type="button" disabled={busy} onClick={claim} data-testid="action-claim"><kbd>a</kbd> assign to me</button>
                  <button type="button" disabled={busy} onClick={() => setDialog('tag')}><kbd>t</kbd> tag</button>
                  <button type="button" disabled={busy} onClick={() => setDialog('note')}><kbd>n</kbd> note</button>
                  <button type="button" disabled={busy} onClick={() => composer.current?.focus()}><kbd>r</kbd> reply</button>
                  <button type="button" disabled={busy} onClick={() => setDialog('private')}><kbd>p</kbd> move to private</button>
                  <button type="button" disabled={busy} onClick={() => setDialog('escalate')}><kbd>e</kbd> escalate</button>
                  <button type="button" disabled={busy} onClick={waiting}><kbd>w</kbd> waiting</button>
                  <button type="button" disabled={busy} onClick={resolve} data-testid="action-resolve"><kbd>x</kbd> resolve</button>
                  {selected.conversation.status === 'resolved' && (
                    <label className="inbox__survey">
                      Survey answer (CSAT)
                      <select
                        value=""
                        onChange={(e) => {
                          const csat = Number(e.currentTarget.value);
                          if (csat >= 1 && csat <= 5) act(`CSAT ${csat}/5 recorded`, (id) => client.call('care.conversation.survey', { id, csat, by: operator }));
                        }}
                        data-testid="survey-csat"
                      >
                        <option value="">—</option>
                        {[5, 4, 3, 2, 1].map((v) => (
                          <option key={v} value={v}>{v} / 5</option>
                        ))}
                      </select>
                    </label>
                  )}
                  {selected.conversation.status === 'escalated' && (
                    <button type="button" disabled={busy} onClick={() => act('Handed back', (id) => client.call('care.conversation.deEscalate', { id, note: 'handed back', by: operator }))}>hand back</button>
                  )}
                </div>
                <ConversationPane
                  detail={selected}
                  presence={s.presence}
                  operator={operator}
                  onRetry={(replyId, byHand) => act(byHand ? 'Recorded as sent by hand' : 'Sent again', () => client.call('care.replies.retry', { replyId, by: operator, byHand }).then(careActions.detail))}
                  onApprove={(replyId, approve) => act(approve ? 'Approved' : 'Rejected', () => client.call('care.replies.approve', { replyId, by: operator, approve }).then(careActions.detail))}
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
                      careActions.detail(detail);
                      const last = detail.replies[detail.replies.length - 1];
                      if (last?.status === 'failed') throw new Error(`Not sent: ${last.error ?? 'unknown reason'}`);
                    })
                  }
                />
              </>
            ) : (
              <p className="console__empty">{s.items.length === 0 && !s.loading ? 'Nothing in this queue.' : 'Select a conversation (j / k).'}</p>
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
            act(`Tagged "${tag}"`, async (id) => careActions.conversation((await client.call('care.conversation.tag', { id, tag, by: operator })).conversation));
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
            act('Note added', async (id) => careActions.detail(await client.call('care.conversation.note', { id, text, by: operator })));
          }}
        />
      )}
      {dialog === 'private' && (
        <PrivateDialog
          onClose={close}
          onSubmit={(channel: PrivateChannel) => {
            close();
            act('Moved to private', async (id) => careActions.conversation((await client.call('care.conversation.movePrivate', { id, channel, by: operator })).conversation));
          }}
        />
      )}
      {dialog === 'escalate' && (
        <EscalateDialog
          agents={agents}
          onClose={close}
          onSubmit={(to, reason) => {
            close();
            act('Escalated', async (id) => careActions.conversation((await client.call('care.conversation.escalate', { id, to, reason, by: operator })).conversation));
          }}
        />
      )}
      {dialog === 'help' && <HelpOverlay onClose={close} />}
    </ConsoleFrame>
  );
}
