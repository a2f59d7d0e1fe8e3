/**
 * The care team's set-up (`#/team`): teams and people with roles and capacity, routing rules,
 * approved responses, the accounts replies are sent from (their secrets go straight to the secret
 * store and are never shown again), and the care settings (business hours, response target,
 * grouping window, topics whose replies need approval, the opt-in leaderboard).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { AGENT_ROLES, type AgentRole, type CareSettings, type ReplyTemplate, type RoutingRule, type Team } from '@shared/domain/care';
import type { Topic } from '@shared/domain/topic';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { Button, DataTable, ErrorNotice, Options } from '../../ui';
import { loadOperatorName } from '../../lib/operator-name';
import { ConsoleFrame } from '../common/ConsoleFrame';
import './inbox.css';
import './team.css';

const list = (v: string): string[] =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function TeamView() {
  const client = useClient();
  const team = useQuery('care.team.get', {});
  const templateList = useQuery('care.templates.list', {});
  const accountList = useQuery('care.accounts.list', {});
  const stored = useQuery('care.settings.get', {});
  const topicList = useQuery('topics.list', {}, { refreshOn: ['topics.changed'] });
  const teams = team.data?.teams ?? [];
  const agents = team.data?.agents ?? [];
  const rules = team.data?.rules ?? [];
  const templates = templateList.data?.templates ?? [];
  const accounts = accountList.data?.accounts ?? [];
  const settings = stored.data?.settings ?? null;
  const topics = topicList.data?.topics ?? [];
  const action = useAction<string>();
  const loadError = team.error ?? templateList.error ?? accountList.error ?? stored.error ?? topicList.error;

  // Any change can touch several lists (a saved agent moves a team's load): all are asked again.
  const reloadAll = () => {
    team.reload();
    templateList.reload();
    accountList.reload();
    stored.reload();
  };
  const run = (what: string, work: () => Promise<unknown>) => (e?: FormEvent) => {
    e?.preventDefault();
    action.run(async () => (await work(), what), reloadAll);
  };
  const me = loadOperatorName();
  const teamName = (id: number | null) => teams.find((t) => t.id === id)?.name ?? '—';

  return (
    <ConsoleFrame current="team">
      <div className="care-team" data-testid="care-team">
        <ErrorNotice error={action.error ?? loadError} testId="team-message" />
        {action.result && !action.error && (
          <p className="care-team__ok" role="status" data-testid="team-message">
            {action.result}
          </p>
        )}

        <section className="console__section">
          <h2>People and teams</h2>
          <DataTable
            className="care-team__table"
            rows={agents}
            rowKey={(a) => a.name}
            columns={[
              { key: 'name', header: 'Name', cell: (a) => a.name },
              { key: 'role', header: 'Role', cell: (a) => a.role },
              { key: 'team', header: 'Team', cell: (a) => teamName(a.teamId) },
              { key: 'capacity', header: 'Capacity', numeric: true, cell: (a) => a.capacity },
              { key: 'load', header: 'Open now', numeric: true, cell: (a) => a.load },
              {
                key: 'active',
                header: 'Active',
                cell: (a) => (
                  <input
                    type="checkbox"
                    checked={a.active}
                    aria-label={`${a.name} active`}
                    onChange={run(`${a.name} ${a.active ? 'away' : 'back'}`, () =>
                      client.call('care.team.saveAgent', { name: a.name, role: a.role, teamId: a.teamId, capacity: a.capacity, active: !a.active }),
                    )}
                  />
                ),
              },
            ]}
          />
          <AgentForm teams={teams} onSave={(a) => run(`${a.name} saved`, () => client.call('care.team.saveAgent', a))()} />
          <form
            className="care-team__form"
            onSubmit={(e) => {
              const name = new FormData(e.currentTarget).get('team')?.toString().trim() ?? '';
              run(`Team ${name} added`, () => client.call('care.team.saveTeam', { name }))(e);
              e.currentTarget.reset();
            }}
          >
            <label>
              New team <input name="team" required maxLength={100} data-testid="team-name" />
            </label>
            <Button type="submit" variant="primary">
              Add team
            </Button>
            <span className="care-team__list">{teams.map((t) => t.name).join(' · ')}</span>
          </form>
        </section>

        <section className="console__section">
          <h2>Routing rules</h2>
          <p className="care-team__hint">
            The first enabled rule (lowest position) whose conditions all match a new conversation assigns it: round-robin or least load among the team’s
            agents, or straight to a lead. Full or away agents are skipped.
          </p>
          <ol className="care-team__rules">
            {rules.map((r) => (
              <li key={r.id}>
                <strong>
                  {r.position}. {r.name}
                </strong>{' '}
                → {teamName(r.teamId)}, {r.strategy}
                {r.enabled ? '' : ' (off)'} · when {describeMatch(r, topics)}{' '}
                <Button onClick={run('Rule removed', () => client.call('care.routing.remove', { id: r.id }))}>remove</Button>
              </li>
            ))}
          </ol>
          <RuleForm
            teams={teams}
            topics={topics}
            next={rules.length}
            onSave={(r) => run(`Rule ${r.name} saved`, () => client.call('care.routing.save', r))()}
          />
        </section>

        <section className="console__section">
          <h2>Approved responses</h2>
          <p className="care-team__hint">
            Variables: {'{{name}}'}, {'{{handle}}'}, {'{{agent}}'}, {'{{topic}}'}. Only leads and PR/legal reviewers approve; editing a template withdraws its
            approval.
          </p>
          <ul className="care-team__templates">
            {templates.map((t) => (
              <li key={t.id} data-testid="template-row">
                <strong>{t.name}</strong>: {t.body} ·{' '}
                {t.approvedBy ? (
                  <span className="care-team__ok">approved by {t.approvedBy}</span>
                ) : (
                  <Button onClick={run(`${t.name} approved`, () => client.call('care.templates.approve', { id: t.id, by: me }))}>approve as {me}</Button>
                )}
              </li>
            ))}
          </ul>
          <form
            className="care-team__form"
            onSubmit={(e) => {
              const f = new FormData(e.currentTarget);
              run('Template saved', () => client.call('care.templates.save', { name: String(f.get('name')).trim(), body: String(f.get('body')).trim() }))(e);
              e.currentTarget.reset();
            }}
          >
            <label>
              Name <input name="name" required maxLength={100} />
            </label>
            <label className="care-team__wide">
              Text <input name="body" required maxLength={2000} placeholder="Hi {{name}}, sorry about that! {{agent}} here: …" />
            </label>
            <Button type="submit" variant="primary">
              Add template
            </Button>
          </form>
        </section>

        <section className="console__section">
          <h2>Reply accounts</h2>
          <p className="care-team__hint">
            Mastodon: the instance URL and an access token with write:statuses. Bluesky: the PDS URL (https://bsky.social), the handle and an app password.
            Secrets are kept in the secret store, never shown again.
          </p>
          <ul>
            {accounts.map((a) => (
              <li key={a.id}>
                {a.name} · {a.platform} · {a.baseUrl} · {a.identifier} · {a.hasSecret ? 'secret stored' : 'no secret'}
              </li>
            ))}
          </ul>
          <form
            className="care-team__form"
            onSubmit={(e) => {
              const f = new FormData(e.currentTarget);
              const secret = String(f.get('secret'));
              run('Account saved', () =>
                client.call('care.accounts.save', {
                  platform: f.get('platform') === 'bluesky' ? 'bluesky' : 'mastodon',
                  name: String(f.get('name')).trim(),
                  baseUrl: String(f.get('baseUrl')).trim(),
                  identifier: String(f.get('identifier')).trim(),
                  secret: secret === '' ? null : secret,
                }),
              )(e);
              e.currentTarget.reset();
            }}
          >
            <label>
              Platform{' '}
              <select name="platform">
                <option value="mastodon">Mastodon</option>
                <option value="bluesky">Bluesky</option>
              </select>
            </label>
            <label>
              Name <input name="name" required maxLength={100} />
            </label>
            <label>
              Server URL <input name="baseUrl" required maxLength={500} placeholder="https://mastodon.social" />
            </label>
            <label>
              Handle <input name="identifier" required maxLength={300} />
            </label>
            <label>
              Token / app password <input name="secret" type="password" autoComplete="off" maxLength={2000} />
            </label>
            <Button type="submit" variant="primary">
              Save account
            </Button>
          </form>
        </section>

        {settings && (
          <SettingsForm
            settings={settings}
            topics={topics}
            templates={templates}
            onSave={(patch) => run('Settings saved', () => client.call('care.settings.save', patch))()}
          />
        )}
      </div>
    </ConsoleFrame>
  );
}

function describeMatch(r: RoutingRule, topics: Topic[]): string {
  const m = r.match;
  const parts = [
    m.topicIds?.length ? `topic ${m.topicIds.map((id) => topics.find((t) => t.id === id)?.name ?? `#${id}`).join('/')}` : '',
    m.intents?.length ? `intent ${m.intents.join('/')}` : '',
    m.languages?.length ? `language ${m.languages.join('/')}` : '',
    m.segments?.length ? `segment ${m.segments.join('/')}` : '',
    m.minClout !== undefined ? `clout ≥ ${m.minClout}` : '',
    m.sentiments?.length ? `sentiment ${m.sentiments.join('/')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'always';
}

function AgentForm({
  teams,
  onSave,
}: {
  teams: Team[];
  onSave: (a: { name: string; role: AgentRole; teamId: number | null; capacity: number; active: boolean }) => void;
}) {
  return (
    <form
      className="care-team__form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const team = String(f.get('team'));
        onSave({
          name: String(f.get('name')).trim(),
          role: String(f.get('role')) as AgentRole,
          teamId: team === '' ? null : Number(team),
          capacity: Number(f.get('capacity')),
          active: true,
        });
        e.currentTarget.reset();
      }}
    >
      <label>
        Name <input name="name" required maxLength={100} data-testid="agent-name" />
      </label>
      <label>
        Role{' '}
        <select name="role" data-testid="agent-role">
          <Options items={AGENT_ROLES} value={(r) => r} />
        </select>
      </label>
      <label>
        Team{' '}
        <select name="team">
          <Options items={teams} value={(t) => t.id} label={(t) => t.name} empty="none" />
        </select>
      </label>
      <label>
        Capacity <input name="capacity" type="number" min={0} max={1000} defaultValue={20} required />
      </label>
      <Button type="submit" variant="primary" data-testid="agent-save">
        Add or update person
      </Button>
    </form>
  );
}

function RuleForm({
  teams,
  topics,
  next,
  onSave,
}: {
  teams: Team[];
  topics: Topic[];
  next: number;
  onSave: (r: Omit<RoutingRule, 'id'> & { id: null }) => void;
}) {
  return (
    <form
      className="care-team__form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const minClout = String(f.get('minClout'));
        const topicId = String(f.get('topic'));
        const sentiment = String(f.get('sentiment'));
        onSave({
          id: null,
          name: String(f.get('name')).trim(),
          position: Number(f.get('position')),
          enabled: true,
          teamId: Number(f.get('team')),
          strategy: String(f.get('strategy')) as RoutingRule['strategy'],
          match: {
            ...(topicId ? { topicIds: [Number(topicId)] } : {}),
            ...(list(String(f.get('intents'))).length ? { intents: list(String(f.get('intents'))) } : {}),
            ...(list(String(f.get('languages'))).length ? { languages: list(String(f.get('languages'))) } : {}),
            ...(list(String(f.get('segments'))).length ? { segments: list(String(f.get('segments'))) } : {}),
            ...(minClout !== '' ? { minClout: Number(minClout) } : {}),
            ...(sentiment ? { sentiments: [sentiment as 'negative'] } : {}),
          },
        });
        e.currentTarget.reset();
      }}
    >
      <label>
        Name <input name="name" required maxLength={100} />
      </label>
      <label>
        Position <input name="position" type="number" min={0} max={10000} defaultValue={next} required />
      </label>
      <label>
        Topic{' '}
        <select name="topic">
          <Options items={topics} value={(t) => t.id} label={(t) => t.name} empty="any" />
        </select>
      </label>
      <label>
        Intents <input name="intents" placeholder="complaint, question" />
      </label>
      <label>
        Languages <input name="languages" placeholder="en, de" size={6} />
      </label>
      <label>
        Segments <input name="segments" placeholder="vip" size={6} />
      </label>
      <label>
        Clout ≥ <input name="minClout" type="number" min={0} max={100} size={4} />
      </label>
      <label>
        Sentiment{' '}
        <select name="sentiment">
          <option value="">any</option>
          <option value="negative">negative</option>
          <option value="neutral">neutral</option>
          <option value="positive">positive</option>
        </select>
      </label>
      <label>
        Strategy{' '}
        <select name="strategy">
          <option value="round-robin">round-robin</option>
          <option value="least-load">least load</option>
          <option value="lead">to a lead (VIP, influencers)</option>
        </select>
      </label>
      <label>
        Team{' '}
        <select name="team" required>
          <Options items={teams} value={(t) => t.id} label={(t) => t.name} />
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={teams.length === 0}>
        Add rule
      </Button>
    </form>
  );
}

function SettingsForm({
  settings,
  topics,
  templates,
  onSave,
}: {
  settings: CareSettings;
  topics: Topic[];
  templates: ReplyTemplate[];
  onSave: (patch: Partial<CareSettings>) => void;
}) {
  const [s, setS] = useState(settings);
  useEffect(() => setS(settings), [settings]);
  const bh = s.businessHours;
  return (
    <section className="console__section">
      <h2>Care settings</h2>
      <form
        className="care-team__form"
        onSubmit={(e) => {
          e.preventDefault();
          onSave(s);
        }}
      >
        <fieldset>
          <legend>Business hours (for the KPIs’ inside/outside split)</legend>
          {DAYS.map((d, i) => (
            <label key={d} className="care-team__day">
              <input
                type="checkbox"
                checked={bh.days.includes(i)}
                onChange={(e) =>
                  setS({ ...s, businessHours: { ...bh, days: e.currentTarget.checked ? [...bh.days, i].sort() : bh.days.filter((x) => x !== i) } })
                }
              />{' '}
              {d}
            </label>
          ))}
          <label>
            From{' '}
            <input
              type="number"
              min={0}
              max={24}
              value={bh.startHour}
              onChange={(e) => setS({ ...s, businessHours: { ...bh, startHour: Number(e.currentTarget.value) } })}
            />
          </label>
          <label>
            To{' '}
            <input
              type="number"
              min={0}
              max={24}
              value={bh.endHour}
              onChange={(e) => setS({ ...s, businessHours: { ...bh, endHour: Number(e.currentTarget.value) } })}
            />
          </label>
          <label>
            UTC offset (minutes){' '}
            <input
              type="number"
              min={-840}
              max={840}
              value={bh.utcOffsetMinutes}
              onChange={(e) => setS({ ...s, businessHours: { ...bh, utcOffsetMinutes: Number(e.currentTarget.value) } })}
            />
          </label>
        </fieldset>
        <label>
          Response target (minutes){' '}
          <input
            type="number"
            min={1}
            max={10080}
            value={s.responseTargetMinutes}
            onChange={(e) => setS({ ...s, responseTargetMinutes: Number(e.currentTarget.value) })}
          />
        </label>
        <label>
          Grouping window (minutes){' '}
          <input
            type="number"
            min={1}
            max={43200}
            value={s.groupingWindowMinutes}
            onChange={(e) => setS({ ...s, groupingWindowMinutes: Number(e.currentTarget.value) })}
          />
        </label>
        <label>
          Replies need approval on topics
          <select
            multiple
            value={s.approvalTopicIds.map(String)}
            onChange={(e) => setS({ ...s, approvalTopicIds: [...e.currentTarget.selectedOptions].map((o) => Number(o.value)) })}
          >
            <Options items={topics} value={(t) => t.id} label={(t) => t.name} />
          </select>
        </label>
        <fieldset>
          <legend>Satisfaction survey (asked in the thread after a resolve on Mastodon or Bluesky)</legend>
          <label>
            Ask
            <select
              aria-label="Survey"
              value={s.survey.kind}
              onChange={(e) => setS({ ...s, survey: { ...s.survey, kind: e.currentTarget.value as CareSettings['survey']['kind'] } })}
            >
              <option value="off">nothing (off)</option>
              <option value="csat">CSAT, 1–5</option>
              <option value="nps">NPS, 0–10</option>
            </select>
          </label>
          <label>
            Question (approved response)
            <select
              aria-label="Survey template"
              value={s.survey.templateId ?? ''}
              onChange={(e) => setS({ ...s, survey: { ...s.survey, templateId: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) } })}
            >
              <option value="">—</option>
              {templates
                .filter((t) => t.approvedBy)
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            Read answers for (days){' '}
            <input
              type="number"
              min={1}
              max={30}
              value={s.survey.windowDays}
              onChange={(e) => setS({ ...s, survey: { ...s.survey, windowDays: Number(e.currentTarget.value) } })}
            />
          </label>
        </fieldset>
        <label>
          <input type="checkbox" checked={s.leaderboard} onChange={(e) => setS({ ...s, leaderboard: e.currentTarget.checked })} /> Show a per-agent leaderboard
        </label>
        <Button type="submit" variant="primary">
          Save settings
        </Button>
      </form>
    </section>
  );
}
