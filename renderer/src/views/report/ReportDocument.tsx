/** The report itself, one section per printed page. Text from strangers is shown as text only. */
import type { ReactNode } from 'react';
import { safeHttpUrl } from '@shared/logic/safe-url';
import type { ReportModel } from '@shared/logic/reports/types';
import { DataTable, formatDayTime, formatHM } from '../../ui';
import { LEGEND, NetSentimentChart, VolumeChart } from './ReportCharts';

const dateTime = formatDayTime;
const time = formatHM;
const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)}%`);
const minutes = (m: number | null): string => (m === null ? '—' : m < 90 ? `${m} min` : `${Math.round((m / 60) * 10) / 10} h`);

function Page({ report, title, testId, children }: { report: ReportModel; title: string; testId: string; children: ReactNode }) {
  return (
    <section className="report-sheet" data-testid={testId}>
      <header className="report-sheet__running">
        <span>{report.subject.title}</span>
        <span>Earshot report · generated {dateTime(report.generatedAt)}</span>
      </header>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <span className="report-legend__item">
      <span className="report-legend__swatch" style={{ background: color }} aria-hidden="true" /> {label}
    </span>
  );
}

export function ReportDocument({ report }: { report: ReportModel }) {
  const { subject, totals, response } = report;
  return (
    <article className="report" data-testid="report-document" data-mentions={totals.mentions}>
      <section className="report-sheet report-sheet--cover" data-testid="report-overview">
        <header className="report-sheet__running">
          <span>Earshot incident report</span>
          <span>generated {dateTime(report.generatedAt)}</span>
        </header>
        <h1 data-testid="report-title">{subject.title}</h1>
        <p className="report__meta">
          {subject.kind === 'incident' ? `Incident #${subject.incidentId}${subject.severity ? ` · ${subject.severity}` : ''} · ` : ''}
          {dateTime(report.from)} – {dateTime(report.to)}
          {subject.topicName ? ` · topic “${subject.topicName}”` : ' · all mentions'}
          {subject.workspace !== 'live' ? ` · workspace ${subject.workspace}` : ''}
        </p>
        <dl className="report-figures">
          <div>
            <dt>Mentions</dt>
            <dd data-testid="report-total">{totals.mentions}</dd>
          </div>
          <div>
            <dt>Negative</dt>
            <dd>
              {totals.negative} ({pct(totals.mentions === 0 ? null : totals.negative / totals.mentions)})
            </dd>
          </div>
          <div>
            <dt>Authors</dt>
            <dd>{totals.authors}</dd>
          </div>
          <div>
            <dt>Peak</dt>
            <dd>
              {totals.peak} / {report.bucketMinutes} min{totals.peakAt !== null ? ` at ${time(totals.peakAt)}` : ''}
            </dd>
          </div>
          <div>
            <dt>Alerts</dt>
            <dd>{report.alerts.length}</dd>
          </div>
          <div>
            <dt>First response (median)</dt>
            <dd>{minutes(response.firstResponse.median)}</dd>
          </div>
        </dl>
        <h2>Volume and sentiment per {report.bucketMinutes === 1 ? 'minute' : `${report.bucketMinutes} minutes`}</h2>
        <div className="report-chart" data-testid="report-chart">
          <VolumeChart report={report} />
        </div>
        <p className="report-legend">
          <Swatch color={LEGEND.negative} label="negative" /> <Swatch color={LEGEND.neutral} label="neutral" />{' '}
          <Swatch color={LEGEND.positive} label="positive" />
          <Swatch color={LEGEND.alert} label="alert" /> <Swatch color={LEGEND.annotation} label="annotation (dashed)" />
        </p>
        <h3>Net sentiment (−100 … +100)</h3>
        <div className="report-chart">
          <NetSentimentChart report={report} />
        </div>
      </section>

      <Page report={report} title="Timeline: alerts and annotations" testId="report-timeline">
        {report.alerts.length === 0 && report.annotations.length === 0 ? (
          <p>No alerts or annotations in this period.</p>
        ) : (
          <DataTable
            className="report-table"
            rows={[
              ...report.alerts.map((a) => ({
                at: a.at,
                key: `a${a.id}`,
                what: `Alert (${a.severity})`,
                detail: `${a.title}${a.acknowledgedAt !== null ? ` — acknowledged ${time(a.acknowledgedAt)}${a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : ''}` : ' — not acknowledged'}${a.resolvedAt !== null ? `, resolved ${time(a.resolvedAt)}` : ''}`,
              })),
              ...report.annotations.map((n) => ({ at: n.at, key: `n${n.id}`, what: `Annotation (${n.kind})`, detail: `${n.text} — ${n.author}` })),
            ].sort((x, y) => x.at - y.at)}
            rowKey={(row) => row.key}
            rowTestId={() => 'report-timeline-row'}
            columns={[
              { key: 'when', header: 'When', cell: (row) => dateTime(row.at) },
              { key: 'what', header: 'What', cell: (row) => row.what },
              { key: 'detail', header: 'Detail', cell: (row) => row.detail },
            ]}
          />
        )}
        <h2>First mentions</h2>
        <ol className="report-mentions" data-testid="report-first-mentions">
          {report.firstMentions.map((m) => {
            const url = safeHttpUrl(m.url);
            return (
              <li key={m.id}>
                <span className="report-mentions__meta">
                  {time(m.publishedAt)} · {m.platform} · @{m.authorHandle}
                  {m.authorFollowers !== null ? ` (${m.authorFollowers.toLocaleString()} followers)` : ''} · {m.sentiment}
                </span>
                <span className="report-mentions__text">{m.text}</span>
                {url && (
                  <a href={url} target="_blank" rel="noreferrer noopener">
                    {url}
                  </a>
                )}
              </li>
            );
          })}
        </ol>
      </Page>

      <Page report={report} title="Most influential authors" testId="report-authors">
        <DataTable
          className="report-table"
          rows={report.authors}
          rowKey={(a) => `${a.platform}:${a.handle}`}
          columns={[
            { key: 'author', header: 'Author', cell: (a) => `@${a.handle}${a.name ? ` (${a.name})` : ''}` },
            { key: 'platform', header: 'Platform', cell: (a) => a.platform },
            { key: 'clout', header: 'Clout', numeric: true, cell: (a) => Math.round(a.clout) },
            { key: 'followers', header: 'Followers', numeric: true, cell: (a) => (a.followers === null ? '—' : a.followers.toLocaleString()) },
            { key: 'mentions', header: 'Mentions', numeric: true, cell: (a) => a.mentions },
            { key: 'negative', header: 'Negative', numeric: true, cell: (a) => pct(a.negativeShare) },
          ]}
        />
        {(report.stories?.length ?? 0) > 0 && (
          <>
            <h2>Top stories</h2>
            <p className="report__note">A story is a post with its reposts, quotes and near-copies; counted over the period.</p>
            <ol className="report-stories" data-testid="report-stories">
              {report.stories!.map((s) => (
                <li key={s.id}>
                  <strong>{s.inWindow} posts</strong>
                  {s.reposts > 0 ? ` (${s.reposts} reposts)` : ''}, first by @{s.firstAuthor} {time(s.firstAt)}:{' '}
                  <span className="report-mentions__text">{s.firstText}</span>
                </li>
              ))}
            </ol>
          </>
        )}
        <h2>Top terms</h2>
        <p className="report__note">Scored against the same length of time just before the period (how far above its usual count a term is).</p>
        <ol className="report-terms" data-testid="report-terms">
          {report.terms.map((t) => (
            <li key={t.term}>
              <strong>{t.term}</strong> {t.count}× {t.isNew ? '(new)' : `(expected ${t.expected})`}
            </li>
          ))}
        </ol>
      </Page>

      <Page report={report} title="The team’s response" testId="report-response">
        <dl className="report-figures">
          <div>
            <dt>Conversations</dt>
            <dd data-testid="report-conversations">{response.conversations}</dd>
          </div>
          <div>
            <dt>Answered</dt>
            <dd>
              {response.answered} ({pct(response.answeredShare)})
            </dd>
          </div>
          <div>
            <dt>First response median</dt>
            <dd>{minutes(response.firstResponse.median)}</dd>
          </div>
          <div>
            <dt>First response p90</dt>
            <dd>{minutes(response.firstResponse.p90)}</dd>
          </div>
          <div>
            <dt>Target breaches</dt>
            <dd>
              {response.breaches.count} of {response.breaches.of} (target {response.breaches.targetMinutes} min)
            </dd>
          </div>
        </dl>
        <h2>What was answered how</h2>
        {report.replies.length === 0 ? (
          <p>No replies in this period.</p>
        ) : (
          <DataTable
            className="report-table"
            testId="report-replies"
            rows={report.replies}
            rowKey={(r) => r.id}
            columns={[
              { key: 'when', header: 'When', cell: (r) => dateTime(r.at) },
              { key: 'who', header: 'Who', cell: (r) => r.author },
              {
                key: 'channel',
                header: 'Channel',
                cell: (r) => `${r.channel}${r.platform ? ` (${r.platform})` : ''}${r.status !== 'sent' ? ` · ${r.status}` : ''}`,
              },
              { key: 'template', header: 'Template', cell: (r) => r.template ?? 'written by hand' },
              { key: 'response', header: 'Response', numeric: true, cell: (r) => minutes(r.responseMinutes) },
              { key: 'reply', header: 'Reply', cell: (r) => r.text },
            ]}
          />
        )}
      </Page>
    </article>
  );
}
