/**
 * `docs/api.md` is written from the contract by `npm run docs:api`; it must say what the contract
 * says today, and cover every call and push.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiAccess, apiParams, type ApiMethod } from '@shared/contract/api';
import { EVENT_TOPICS, eventRoles } from '@shared/contract/events';
import { renderApiDocs } from '../../../electron/cli/api-docs/render-api-docs';
import { schemaText } from '../../../electron/cli/api-docs/json-schema-text';

const ROOT = resolve(__dirname, '../../..');

describe('the API reference', () => {
  const written = renderApiDocs(ROOT);

  it('is up to date (run `npm run docs:api` after changing shared/contract)', () => {
    const stored = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
    expect(stored === written, 'docs/api.md differs from what `npm run docs:api` writes: run it and commit the result').toBe(true);
  });

  it('has a section for every call with its least role and kind, and a row for every push with its role', () => {
    for (const method of Object.keys(apiParams) as ApiMethod[]) {
      const start = written.indexOf(`#### \`${method}\`\n`);
      expect(start, method).toBeGreaterThan(0);
      const section = written.slice(start, written.indexOf('\n#### ', start + 1));
      expect(section, method).toContain(`least role: **${apiAccess[method].role}** · kind: **${apiAccess[method].kind}**`);
      expect(section, method).toMatch(/Result: `[^`]+`/);
      expect(section, method).not.toContain('Result: `unknown`');
    }
    for (const topic of EVENT_TOPICS)
      expect(written).toMatch(new RegExp(`\\| \`${topic.replace(/\./g, '\\.')}\` \\| \\w+ \\| ${eventRoles[topic]} \\| \`[^\`]+\``));
  });

  it("renders a parameter's limits from the zod schema the core checks", () => {
    const section = written.slice(written.indexOf('#### `volume.recent`'));
    expect(section).toMatch(/\| `minutes` \| integer 1…1440 \| yes \|/);
    expect(schemaText({ type: 'object', properties: { id: { type: 'integer', minimum: 1 }, tag: { type: 'string', maxLength: 40 } }, required: ['id'] })).toBe(
      '{ id: integer ≥ 1, tag?: string ≤ 40 chars }',
    );
    expect(schemaText({ anyOf: [{ type: 'array', items: { enum: ['a', 'b'] } }, { type: 'null' }] })).toBe('array of ("a" | "b") | null');
  });
});
