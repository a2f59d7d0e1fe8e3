/** One alert: why it fired, the lifecycle actions, the contributing mentions and its history. */
import { useState } from 'react';
import type { Alert, AlertHistoryEntry, AlertOpening, AlertSpam, Incident } from '@shared/domain/alert';
import type { MentionFlag } from '@shared/domain/mention-flag';
import type { AlertRule } from '@shared/domain/alert-rule';
import type { Mention } from '@shared/domain/mention';
import { safeHttpUrl } from '@shared/logic/safe-url';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { loadOperatorName } from '../../lib/operator-name';
import { useLive } from '../../data/use-live';
import { useKept } from './use-kept';
import { formatTime } from './format-time';
import { Button } from '../../ui';

interface Details {
  alert: Alert;
  history: AlertHistoryEntry[];
  mentions: Mention[];
  incident: Incident | null;
  rule: AlertRule | null;
}

/** `version` is the alert's `updatedAt` in the open list: when it moves, the detail is read again. */
export function AlertDetail({ id, version }: { id: number; version: number }) {
  const client = useClient();
  const [actions, setActions] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [assignee, setAssignee] = useState('');
  const live = useLive<Details & { flags: ReadonlyMap<number, MentionFlag> }>({
    key: `alert:${id}:${version}:${actions}`,
    load: async (c) => {
      const d = await c.call('alerts.get', { id });
      const r = await c.call('mentions.flags', { ids: d.mentions.map((m) => m.id) });
      return { ...d, flags: new Map(r.flags.map((f) => [f.mentionId, f])) };
    },
  });
  const act = (work: Promise<unknown>): void => {
    setError(null);
    work.then(
      () => setActions((n) => n + 1),
      (e: unknown) => setError(errorMessage(e)),
    );
  };
  const details = useKept(live.data);
  if (!details)
    return live.error ? (
      <p className="alerts-error" role="alert">
        {live.error}
      </p>
    ) : (
      <p className="alerts-empty">Loading…</p>
    );
  const flags = details.flags;
  const { alert, history, mentions, incident, rule } = details;
  const x = alert.explanation;
  const by = loadOperatorName();
  return (
    <article className="alert-detail" data-testid="alert-detail" data-alert-id={alert.id} data-state={alert.state}>
      <h2>{alert.title}</h2>
      {error && (
        <p className="alerts-error" role="alert">
          {error}
        </p>
      )}
      <p>{alert.detail}</p>
      {x && (
        <dl className="alert-detail__explain" data-testid="alert-explanation">
          <dt>Rule</dt>
          <dd>
            {rule && !x.rule.startsWith(rule.name) ? `${rule.name} — ` : ''}
            {x.rule}
          </dd>
          <dt>Observed</dt>
          <dd data-testid="explain-observed">
            {x.observed} {x.measure}
          </dd>
          {x.expected !== null && (
            <>
              <dt>Expected</dt>
              <dd>{Math.round(x.expected * 10) / 10}</dd>
            </>
          )}
          {x.bandHigh !== null && (
            <>
              <dt>Band</dt>
              <dd>
                {x.bandLow !== null ? `${Math.round(x.bandLow * 10) / 10} – ` : 'up to '}
                {Math.round(x.bandHigh * 10) / 10}
              </dd>
            </>
          )}
          {x.terms.length > 0 && (
            <>
              <dt>Top terms</dt>
              <dd data-testid="explain-terms">{x.terms.join(', ')}</dd>
            </>
          )}
          {alert.opening && (
            <>
              <dt>At opening</dt>
              <dd data-testid="explain-opening">{openingLine(alert.opening)}</dd>
            </>
          )}
          {x.spam && (
            <>
              <dt>Spam</dt>
              <dd data-testid="explain-spam">{spamLine(x.spam)}</dd>
            </>
          )}
          {x.emotions && x.emotions.length > 0 && (
            <>
              <dt>Emotion</dt>
              <dd data-testid="explain-emotions">{x.emotions.join('; ')}</dd>
            </>
          )}
          {incident && (
            <>
              <dt>Incident</dt>
              <dd>
                #{incident.id}: {incident.alertIds.length} alert(s) since {formatTime(incident.openedAt)}
              </dd>
            </>
          )}
        </dl>
      )}
      {alert.state !== 'resolved' && (
        <div className="alert-detail__actions">
          <Button
            variant="primary"
            data-testid="alert-ack"
            disabled={alert.acknowledgedAt !== null}
            onClick={() => act(client.call('alerts.acknowledge', { id, by }))}
          >
            Acknowledge
          </Button>
          <Button data-testid="alert-snooze" onClick={() => act(client.call('alerts.snooze', { id, until: Date.now() + 30 * 60_000, by }))}>
            Snooze 30 min
          </Button>
          <input
            aria-label="Assign to"
            data-testid="alert-assignee"
            placeholder="Assign to…"
            value={assignee}
            maxLength={100}
            onChange={(e) => setAssignee(e.target.value)}
          />
          <Button
            data-testid="alert-assign"
            disabled={assignee.trim() === ''}
            onClick={() => act(client.call('alerts.assign', { id, assignee: assignee.trim(), by }))}
          >
            Assign
          </Button>
          <Button data-testid="alert-resolve" onClick={() => act(client.call('alerts.resolve', { id, by }))}>
            Resolve
          </Button>
        </div>
      )}
      <h3>Contributing mentions</h3>
      <ul className="alert-detail__mentions" data-testid="alert-mentions">
        {mentions.map((m) => {
          const url = safeHttpUrl(m.url);
          return (
            <li key={m.id}>
              <strong>@{m.authorHandle}</strong> ({m.sentiment}) {m.text}{' '}
              {url && (
                <a href={url} target="_blank" rel="noreferrer noopener">
                  open
                </a>
              )}
              <SpamControl flag={flags.get(m.id) ?? null} onSet={(spam) => act(client.call('mentions.flags.override', { id: m.id, spam, by }))} />
            </li>
          );
        })}
      </ul>
      <h3>History</h3>
      <ol className="alert-detail__history" data-testid="alert-history">
        {history.map((h) => (
          <li key={h.id} data-action={h.action}>
            {formatTime(h.at)} · <strong>{h.action}</strong> by {h.actor}
            {h.detail ? ` — ${h.detail}` : ''}
          </li>
        ))}
      </ol>
    </article>
  );
}

/** What the alert showed when it opened, in one line: "10 mentions in the last 15 min (expected 2.1), 08:02". */
function openingLine(o: AlertOpening): string {
  const numbers =
    o.observed === null ? o.detail : `${o.observed} ${o.measure ?? ''}${o.expected !== null ? ` (expected ${Math.round(o.expected * 10) / 10})` : ''}`;
  return `${numbers.trim()}, ${o.severity}, ${formatTime(o.at)}`;
}

/** "12 posts flagged as spam or coordinated, left out of the counts: 6 accounts with at most 5 followers …" */
function spamLine(s: AlertSpam): string {
  const why = s.reasons.map((r) => `${r.reason} (${r.posts})`).join('; ');
  return `${s.posts} post${s.posts === 1 ? '' : 's'} in the window flagged as spam or coordinated, ${s.excluded ? 'left out of the counts' : 'counted (this topic keeps them in)'}: ${why}`;
}

/** A post's flag and a person's word over it: mark as spam, or say it is not. */
function SpamControl({ flag, onSet }: { flag: MentionFlag | null; onSet: (spam: boolean | null) => void }) {
  const spam = flag?.spam ?? false;
  return (
    <span className="alert-detail__spam" data-testid="mention-spam" data-spam={String(spam)}>
      {spam && (
        <em>
          {flag?.reason ?? 'marked as spam'}
          {flag?.override ? ` (by ${flag.overrideBy})` : ''}
        </em>
      )}{' '}
      <Button data-testid="mention-spam-toggle" onClick={() => onSet(!spam)}>
        {spam ? 'Not spam' : 'Mark as spam'}
      </Button>
    </span>
  );
}
