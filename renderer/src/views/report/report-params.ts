/** The report view's URL: `#/report?incident=<id>&ws=<workspace>` or `?from=<ms>&to=<ms>[&topic=<id>]`. */
import type { ReportTarget } from '@shared/contract/areas/reports';

export interface ReportPageParams {
  target: ReportTarget | null;
  /** The workspace named by `ws` (or 'live'): the picker lists its incidents when there is no target. */
  workspace: string;
  /** Opened by the PDF printer: no toolbar at all. */
  print: boolean;
}

function positiveInt(raw: string | null): number | null {
  if (raw === null || !/^\d{1,16}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

export function readReportParams(hash: string): ReportPageParams {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const ws = query.get('ws');
  const workspace = ws !== null && /^(live|[a-z0-9][a-z0-9-]{0,63})$/.test(ws) ? ws : 'live';
  const incidentId = positiveInt(query.get('incident'));
  const from = positiveInt(query.get('from'));
  const to = positiveInt(query.get('to'));
  const topicId = positiveInt(query.get('topic'));
  const print = query.get('print') === '1';
  if (incidentId === null && (from === null || to === null)) return { target: null, workspace, print };
  return { target: { workspace, incidentId, from, to, topicId }, workspace, print };
}

export function reportHash(target: Partial<ReportTarget>): string {
  const query = new URLSearchParams();
  query.set('ws', target.workspace ?? 'live');
  if (target.incidentId) query.set('incident', String(target.incidentId));
  if (target.from) query.set('from', String(target.from));
  if (target.to) query.set('to', String(target.to));
  if (target.topicId) query.set('topic', String(target.topicId));
  return `#/report?${query.toString()}`;
}
