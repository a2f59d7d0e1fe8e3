/**
 * `npm run docs:api`: rewrites `docs/api.md` from the contract (see `api-docs/render-api-docs.ts`).
 * `tests/unit/docs/api-docs.test.ts` fails while the file differs from what this would write.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderApiDocs } from './api-docs/render-api-docs';

const root = resolve(__dirname, '../..');
const file = join(root, 'docs/api.md');
writeFileSync(file, renderApiDocs(root));
process.stdout.write(`wrote ${file}\n`);
