/**
 * Reading a scope's rows out of a store and writing them into a fresh one. Each row schema in
 * `shared/contract/bundle-schema.ts` names its columns (camelCase key → snake_case column); the few
 * keys that are not columns (a mention's `topicIds`, a conversation's `mentionIds`) come from and go
 * to their link tables. Statements are prepared once per database.
 *
 * Which rows a scope takes (drill rows never):
 * - mentions heard in [from, to] (of the topic, when there is one);
 * - alerts open at any time in [from, to] (of the topic), and every alert of the scope's incident,
 *   with their events (history), versions and rules;
 * - annotations in [from, to] (of the topic, or of none) and every annotation of the scope's incident;
 * - incidents those alerts and annotations belong to, and the scope's own;
 * - care conversations active in [from, to] (about the topic), with all their events and replies;
 * - the authors of the mentions, the topics anything above refers to, the sources of the mentions,
 *   the care teams of the conversations, wall events in [from, to] with each display's commands
 *   since its last resume before `from` (what it showed entering the period), the sources' events in
 *   [from, to] with each one's last event before `from` (its condition entering the period).
 * Everything a row refers to is in the bundle, so the same scope on an imported workspace selects
 * exactly the same rows again. What derives from the mentions is not carried: a workspace rebuilds
 * it through the derived-tables registry (`derived.ts`).
 */
import { BUNDLE_KINDS, bundleRowSchemas, type BundleContents, type BundleKind, type BundleRow, type BundleScope } from '@shared/contract/bundle-schema';
import type { Db } from '../database';

/** The table each kind of bundle row lives in. */
export const BUNDLE_TABLES: Record<BundleKind, string> = {
  sources: 'sources',
  topics: 'topics',
  careTeams: 'care_teams',
  alertRules: 'alert_rules',
  incidents: 'incidents',
  mentions: 'mentions',
  authors: 'authors',
  alerts: 'alerts',
  alertEvents: 'alert_events',
  alertVersions: 'alert_versions',
  annotations: 'annotations',
  careConversations: 'care_conversations',
  careEvents: 'care_events',
  careReplies: 'care_replies',
  wallEvents: 'wall_events',
  sourceEvents: 'source_events',
};

/** Keys that are not columns of the kind's table. */
const LINKS: Partial<Record<BundleKind, readonly string[]>> = { mentions: ['topicIds'], careConversations: ['mentionIds'] };

const toColumn = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function keysOf(kind: BundleKind): string[] {
  const links = LINKS[kind] ?? [];
  return Object.keys(bundleRowSchemas[kind].shape).filter((k) => !links.includes(k));
}

/** `col AS "key", …` for a SELECT that yields bundle rows directly. */
function selectList(kind: BundleKind, alias: string): string {
  return keysOf(kind)
    .map((k) => `${alias}.${toColumn(k)} AS "${k}"`)
    .join(', ');
}

const ids = (values: Iterable<number | null>): string => JSON.stringify([...new Set([...values].filter((v): v is number => v !== null))].sort((a, b) => a - b));

interface IncidentRow {
  id: number;
  topicId: number | null;
  title: string;
  openedAt: number;
  lastAt: number;
  resolvedAt: number | null;
}

export function bundleReader(db: Db) {
  const byIds = (kind: BundleKind) =>
    db.prepare(`SELECT ${selectList(kind, 't')} FROM ${BUNDLE_TABLES[kind]} t WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY t.id`);
  const mentions = db.prepare(`
    SELECT ${selectList('mentions', 'm')},
      (SELECT json_group_array(topic_id) FROM (SELECT topic_id FROM mention_topics WHERE mention_id = m.id ORDER BY topic_id)) AS topicIds
    FROM mentions m
    WHERE m.heard_at >= @from AND m.heard_at <= @to AND m.drill_run_id IS NULL
      AND (@topicId IS NULL OR EXISTS (SELECT 1 FROM mention_topics x WHERE x.mention_id = m.id AND x.topic_id = @topicId))
    ORDER BY m.id`);
  const alerts = db.prepare(`
    SELECT ${selectList('alerts', 'a')} FROM alerts a
    WHERE a.drill_run_id IS NULL AND (
      (a.opened_at <= @to AND (a.resolved_at IS NULL OR a.resolved_at >= @from) AND (@topicId IS NULL OR a.topic_id = @topicId))
      OR (@incidentId IS NOT NULL AND a.incident_id = @incidentId))
    ORDER BY a.id`);
  const alertEvents = db.prepare(
    `SELECT ${selectList('alertEvents', 'e')} FROM alert_events e WHERE e.alert_id IN (SELECT value FROM json_each(?)) ORDER BY e.id`,
  );
  const alertVersions = db.prepare(
    `SELECT ${selectList('alertVersions', 'v')} FROM alert_versions v WHERE v.alert_id IN (SELECT value FROM json_each(?)) ORDER BY v.id`,
  );
  const annotations = db.prepare(`
    SELECT ${selectList('annotations', 'n')} FROM annotations n
    WHERE (n.at >= @from AND n.at <= @to AND (@topicId IS NULL OR n.topic_id IS NULL OR n.topic_id = @topicId))
      OR (@incidentId IS NOT NULL AND n.incident_id = @incidentId)
    ORDER BY n.id`);
  const conversations = db.prepare(`
    SELECT ${selectList('careConversations', 'c')},
      (SELECT json_group_array(mention_id) FROM (SELECT mention_id FROM care_conversation_mentions WHERE conversation_id = c.id ORDER BY mention_id)) AS mentionIds
    FROM care_conversations c
    WHERE c.drill_run_id IS NULL AND c.opened_at <= @to AND c.last_activity_at >= @from
      AND (@topicId IS NULL OR EXISTS (SELECT 1 FROM json_each(c.topic_ids) WHERE value = @topicId))
    ORDER BY c.id`);
  const careEvents = db.prepare(
    `SELECT ${selectList('careEvents', 'e')} FROM care_events e WHERE e.conversation_id IN (SELECT value FROM json_each(?)) ORDER BY e.id`,
  );
  const careReplies = db.prepare(
    `SELECT ${selectList('careReplies', 'r')} FROM care_replies r WHERE r.conversation_id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
  );
  const authors = db.prepare(`
    SELECT ${selectList('authors', 'a')} FROM authors a
    WHERE a.id IN (SELECT x.id FROM json_each(?) j JOIN authors x ON x.platform = json_extract(j.value, '$[0]') AND x.handle = json_extract(j.value, '$[1]'))
    ORDER BY a.id`);
  const sources = db.prepare(`SELECT ${selectList('sources', 's')} FROM sources s WHERE s.id IN (SELECT value FROM json_each(?)) ORDER BY s.id`);
  // A display's state entering the period comes from its commands since its last resume before it.
  const wallEvents = db.prepare(`
    SELECT ${selectList('wallEvents', 'w')} FROM wall_events w
    WHERE (w.at >= @from AND w.at <= @to)
      OR (w.at < @from AND w.at >= COALESCE((SELECT MAX(x.at) FROM wall_events x WHERE x.display_id IS w.display_id AND x.at < @from AND x.action = 'release'), 0))
    ORDER BY w.id`);
  const sourceEvents = db.prepare(`
    SELECT ${selectList('sourceEvents', 'e')} FROM source_events e
    WHERE e.source_id IN (SELECT value FROM json_each(@sources)) AND (
      (e.at >= @from AND e.at <= @to)
      OR e.id IN (SELECT (SELECT x.id FROM source_events x WHERE x.source_id = j.value AND x.at < @from ORDER BY x.at DESC, x.id DESC LIMIT 1) FROM json_each(@sources) j))
    ORDER BY e.id`);
  const incident = db.prepare<[number], IncidentRow>(
    'SELECT id, topic_id AS topicId, title, opened_at AS openedAt, last_at AS lastAt, resolved_at AS resolvedAt FROM incidents WHERE id = ?',
  );
  const incidentSpan = db.prepare<[number], { first: number | null; last: number | null }>(
    'SELECT MIN(opened_at) AS first, MAX(MAX(updated_at, COALESCE(resolved_at, 0))) AS last FROM alerts WHERE incident_id = ? AND drill_run_id IS NULL',
  );
  const topics = byIds('topics');
  const incidents = byIds('incidents');
  const alertRules = byIds('alertRules');
  const careTeams = byIds('careTeams');

  return {
    /** An incident with the span of its (non-drill) alerts, or null when there is none with that id. */
    incident(id: number): (IncidentRow & { alerts: { first: number | null; last: number | null } }) | null {
      const row = incident.get(id);
      return row ? { ...row, alerts: incidentSpan.get(id)! } : null;
    },
    read(scope: BundleScope): BundleContents {
      const window = { from: scope.from, to: scope.to, topicId: scope.topicId, incidentId: scope.incidentId };
      const m = (mentions.all(window) as Array<BundleRow<'mentions'> & { topicIds: string }>).map((r) => ({
        ...r,
        topicIds: JSON.parse(r.topicIds) as number[],
      }));
      const mentionIds = new Set(m.map((r) => r.id));
      const a = alerts.all(window) as Array<BundleRow<'alerts'>>;
      const n = annotations.all(window) as Array<BundleRow<'annotations'>>;
      const c = (conversations.all(window) as Array<BundleRow<'careConversations'> & { mentionIds: string }>).map((r) => ({
        ...r,
        mentionIds: (JSON.parse(r.mentionIds) as number[]).filter((id) => mentionIds.has(id)),
      }));
      const conversationIds = ids(c.map((r) => r.id));
      const rules = alertRules.all(ids(a.map((r) => r.ruleId))) as Array<BundleRow<'alertRules'>>;
      const inc = incidents.all(ids([scope.incidentId, ...a.map((r) => r.incidentId), ...n.map((r) => r.incidentId)])) as Array<BundleRow<'incidents'>>;
      const topicIds = [
        scope.topicId,
        ...m.flatMap((r) => r.topicIds),
        ...a.map((r) => r.topicId),
        ...n.map((r) => r.topicId),
        ...inc.map((r) => r.topicId),
        ...rules.map((r) => r.topicId),
      ];
      const authorKeys = [...new Map(m.map((r) => [`${r.platform}\u0000${r.authorHandle}`, [r.platform, r.authorHandle]])).values()];
      const sourceIds = JSON.stringify([...new Set(m.map((r) => r.sourceId))].sort());
      return {
        sources: sources.all(sourceIds) as Array<BundleRow<'sources'>>,
        topics: topics.all(ids(topicIds)) as Array<BundleRow<'topics'>>,
        careTeams: careTeams.all(ids(c.map((r) => r.teamId))) as Array<BundleRow<'careTeams'>>,
        alertRules: rules,
        incidents: inc,
        mentions: m,
        authors: authors.all(JSON.stringify(authorKeys)) as Array<BundleRow<'authors'>>,
        alerts: a,
        alertEvents: alertEvents.all(ids(a.map((r) => r.id))) as Array<BundleRow<'alertEvents'>>,
        alertVersions: alertVersions.all(ids(a.map((r) => r.id))) as Array<BundleRow<'alertVersions'>>,
        annotations: n,
        careConversations: c,
        careEvents: careEvents.all(conversationIds) as Array<BundleRow<'careEvents'>>,
        careReplies: careReplies.all(conversationIds) as Array<BundleRow<'careReplies'>>,
        wallEvents: wallEvents.all(window) as Array<BundleRow<'wallEvents'>>,
        sourceEvents: sourceEvents.all({ sources: sourceIds, from: scope.from, to: scope.to }) as Array<BundleRow<'sourceEvents'>>,
      };
    },
  };
}

/** Inserts a bundle's rows, ids kept, into a freshly migrated store; call inside one transaction. */
export function writeBundleRows(db: Db, contents: BundleContents): void {
  // A fresh database comes with the default alert rules: the workspace holds the bundle's rows only.
  for (const kind of [...BUNDLE_KINDS].reverse()) db.exec(`DELETE FROM ${BUNDLE_TABLES[kind]}`);
  for (const kind of BUNDLE_KINDS) {
    // Inserting alerts and their events made the history triggers write versions from each alert's
    // final state: the bundle's own versions (none in a version-1 bundle, whose alerts replay rolls
    // back from their history) replace them.
    if (kind === 'alertVersions') db.exec('DELETE FROM alert_versions');
    const keys = keysOf(kind);
    const columns = keys.map(toColumn);
    // Sources keep no settings: an imported source is an empty, paused record of where mentions came from.
    const extra = kind === 'sources' ? { columns: ['config'], values: ["'{}'"] } : { columns: [], values: [] };
    const insert = db.prepare(
      `INSERT INTO ${BUNDLE_TABLES[kind]} (${[...columns, ...extra.columns].join(', ')}) VALUES (${[...keys.map((k) => `@${k}`), ...extra.values].join(', ')})`,
    );
    for (const row of contents[kind] as Array<Record<string, unknown>>) {
      const values: Record<string, unknown> = {};
      // A field later versions added (optional in the schema) is absent from older bundles.
      for (const k of keys) values[k] = row[k] ?? null;
      insert.run(values);
    }
  }
  const tag = db.prepare('INSERT INTO mention_topics (mention_id, topic_id) VALUES (?, ?)');
  for (const m of contents.mentions) for (const topicId of m.topicIds) tag.run(m.id, topicId);
  const link = db.prepare(
    'INSERT INTO care_conversation_mentions (mention_id, conversation_id, platform, external_id) SELECT id, ?, platform, external_id FROM mentions WHERE id = ?',
  );
  for (const c of contents.careConversations) {
    for (const mentionId of c.mentionIds) {
      if (link.run(c.id, mentionId).changes !== 1) throw new Error(`careConversations ${c.id} names mention ${mentionId}, which is not in the bundle`);
    }
  }
}
