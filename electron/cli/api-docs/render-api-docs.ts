/**
 * `docs/api.md`, written from the contract itself: every call with its area, least role, kind,
 * parameters (from the zod schema the core checks) and declared result type, and every push with
 * the least role that may subscribe. Deterministic, so a test can tell when the file is stale.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { apiAccess, apiParams, type ApiMethod } from '@shared/contract/api';
import { eventRoles, type EventTopic } from '@shared/contract/events';
import { ROLES } from '@shared/contract/access';
import { accountsParams } from '@shared/contract/areas/accounts';
import { signalsParams } from '@shared/contract/areas/signals';
import { ALERTING_EVENT_TOPICS, alertingParams } from '@shared/contract/areas/alerting';
import { BUNDLES_EVENT_TOPICS, bundlesParams } from '@shared/contract/areas/bundles';
import { CARE_EVENT_TOPICS, careParams } from '@shared/contract/areas/care';
import { CORE_EVENT_TOPICS, coreParams } from '@shared/contract/areas/core';
import { DRILLS_EVENT_TOPICS, drillsParams } from '@shared/contract/areas/drills';
import { LISTENING_EVENT_TOPICS, listeningParams } from '@shared/contract/areas/listening';
import { REPORTS_EVENT_TOPICS, reportsParams } from '@shared/contract/areas/reports';
import { REVIEW_EVENT_TOPICS, reviewParams } from '@shared/contract/areas/review';
import { UNDERSTANDING_EVENT_TOPICS, understandingParams } from '@shared/contract/areas/understanding';
import { WALLS_EVENT_TOPICS, wallsParams } from '@shared/contract/areas/walls';
import { readContractSource, type ContractSource } from './contract-source';
import { objectText, schemaText, type JsonSchema } from './json-schema-text';

/** The areas in the order `api.ts` merges them, with the module each is declared in. */
const AREAS: ReadonlyArray<{ title: string; module: string; calls: readonly string[]; pushes: readonly string[] }> = [
  { title: 'Core', module: 'core.ts', calls: Object.keys(coreParams), pushes: CORE_EVENT_TOPICS },
  { title: 'Listening', module: 'listening.ts (with source-admin.ts and topics.ts)', calls: Object.keys(listeningParams), pushes: LISTENING_EVENT_TOPICS },
  { title: 'Understanding', module: 'understanding.ts', calls: Object.keys(understandingParams), pushes: UNDERSTANDING_EVENT_TOPICS },
  { title: 'Alerting', module: 'alerting.ts', calls: Object.keys(alertingParams), pushes: ALERTING_EVENT_TOPICS },
  { title: 'Walls', module: 'walls.ts', calls: Object.keys(wallsParams), pushes: WALLS_EVENT_TOPICS },
  { title: 'Care', module: 'care.ts', calls: Object.keys(careParams), pushes: CARE_EVENT_TOPICS },
  { title: 'Review', module: 'review.ts', calls: Object.keys(reviewParams), pushes: REVIEW_EVENT_TOPICS },
  { title: 'Bundles', module: 'bundles.ts', calls: Object.keys(bundlesParams), pushes: BUNDLES_EVENT_TOPICS },
  { title: 'Reports', module: 'reports.ts', calls: Object.keys(reportsParams), pushes: REPORTS_EVENT_TOPICS },
  { title: 'Drills', module: 'drills.ts', calls: Object.keys(drillsParams), pushes: DRILLS_EVENT_TOPICS },
  { title: 'Accounts', module: 'accounts.ts', calls: Object.keys(accountsParams), pushes: [] },
  { title: 'Signals (stories and spam flags)', module: 'signals.ts', calls: Object.keys(signalsParams), pushes: [] },
];

/** Table cells hold one line; a pipe would end the cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function parametersOf(method: ApiMethod): JsonSchema {
  return z.toJSONSchema(apiParams[method], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function renderCall(method: ApiMethod, source: ContractSource): string[] {
  const access = apiAccess[method];
  const out = [`#### \`${method}\``, ''];
  const doc = source.docs.get(method);
  if (doc) out.push(doc, '');
  const facts = [`least role: **${access.role}**`, `kind: **${access.kind}**`];
  if (access.actor) facts.push(`acting person: \`${access.actor}\` (filled by the core for a signed-in person)`);
  out.push(facts.join(' · '), '');
  out.push(`Result: ${code(source.results.get(method) ?? 'unknown')}`, '');
  const schema = parametersOf(method);
  const properties = Object.entries(schema.properties ?? {});
  if (schema.type === 'object' && !schema.anyOf && !schema.oneOf) {
    if (properties.length === 0) {
      out.push('No parameters.', '');
    } else {
      const required = new Set(schema.required ?? []);
      out.push('| parameter | type | required |', '|---|---|---|');
      for (const [name, value] of properties) {
        const text = value.description ? `${schemaText(value)} — ${value.description}` : schemaText(value);
        out.push(`| \`${name}\` | ${cell(text)} | ${required.has(name) ? 'yes' : 'no'} |`);
      }
      out.push('');
    }
  } else {
    // A union of parameter shapes (or anything else): one line per alternative.
    const alternatives = schema.anyOf ?? schema.oneOf ?? [schema];
    out.push('Parameters, one of:', '', ...alternatives.map((alt) => `- ${code(alt.type === 'object' ? objectText(alt, 0) : schemaText(alt))}`), '');
  }
  return out;
}

const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

export function renderApiDocs(root: string): string {
  const source = readContractSource(join(root, 'shared/contract/areas'));
  const listed = new Set<string>();
  const lines: string[] = [
    '# API reference',
    '',
    '<!-- Written by `npm run docs:api` from `shared/contract`; edit the contract, not this file (a unit test fails when it is stale). -->',
    '',
    'Every call a window can make to the core and every push it can subscribe to, over Electron IPC or',
    "serve mode's WebSocket (`/ws`). A window sends `req` frames naming a call and its parameters and gets a",
    '`res` frame with the result or an error; it sends `sub` / `unsub` for pushes and receives `evt` frames',
    '(see `shared/contract/frames.ts`). The core checks every parameter object against the schema shown',
    'here (unknown keys are refused) and answers a bad one with an error naming what is wrong.',
    '',
    `**Roles**, each allowed everything the ones before it may: ${ROLES.map((r) => `\`${r}\``).join(' < ')}.`,
    'A call needs at least its **least role** ([security model](security-model.md)). **Kind**: `read` changes',
    'nothing; `change` changes state and is written to the audit log; `presence` is a window reporting what it',
    'shows, kept short-lived and not audited. Result and payload types are named as declared in',
    '`shared/contract/areas/*.ts` and `shared/domain/`.',
    '',
    '## Contents',
    '',
    ...AREAS.map((a) => `- [${a.title}](#${anchor(a.title)}) (${a.calls.length} calls)`),
    '- [Pushes](#pushes)',
    '',
    '## Calls',
    '',
  ];
  for (const area of AREAS) {
    lines.push(`### ${area.title}`, '', `Declared in \`shared/contract/areas/${area.module}\`.`, '');
    for (const method of area.calls) {
      listed.add(method);
      lines.push(...renderCall(method as ApiMethod, source));
    }
  }
  const missing = Object.keys(apiParams).filter((m) => !listed.has(m));
  if (missing.length > 0) throw new Error(`calls in no area of the API reference: ${missing.join(', ')}`);

  lines.push('## Pushes', '', 'Subscribe with a `sub` frame; a window below the least role is refused.', '');
  lines.push('| topic | area | least role | payload | what it carries |', '|---|---|---|---|---|');
  for (const area of AREAS) {
    for (const topic of area.pushes) {
      const role = eventRoles[topic as EventTopic];
      lines.push(`| \`${topic}\` | ${area.title} | ${role} | ${cell(code(source.payloads.get(topic) ?? 'unknown'))} | ${cell(source.docs.get(topic) ?? '')} |`);
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
