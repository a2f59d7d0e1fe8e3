/**
 * The layering rule is enforced by ESLint (`earshot/import-layers` in eslint.config.mjs, run by
 * `npm run lint` inside `npm test`). These cases run the project's real configuration on small
 * sources placed in each layer, so a rule switched off or a layer table gone wrong fails here.
 */
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
let eslint: ESLint;

// Loading the configuration (typescript-eslint) takes seconds on a busy machine: done once, up front.
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  await eslint.lintText('export {};\n', { filePath: join(ROOT, 'shared/probe.ts') });
}, 120_000);

/** The layer messages ESLint reports for `code` placed at `file` (repository-relative). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'earshot/import-layers').map((m) => m.message);
}

describe('import layers', () => {
  it('the renderer sees only shared/ and browser packages', async () => {
    expect(await layerErrors('renderer/src/views/x/Probe.tsx', "import { ok } from '@shared/contract/api';\nvoid ok;\n")).toEqual([]);
    const errors = await layerErrors(
      'renderer/src/views/x/Probe.tsx',
      "import { a } from '../../../../electron/core/store/store';\nimport { b } from 'node:fs';\nimport { c } from 'electron';\nvoid a, b, c;\n",
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('may not import electron/core/store/store');
    expect(errors[1]).toContain('"node:fs"');
  });

  it('outside shared/, shared is reached through the @shared alias, never a relative climb', async () => {
    const errors = await layerErrors('electron/core/store/probe.ts', "import { ok } from '../../../shared/contract/api';\nvoid ok;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('@shared/contract/api');
    expect(await layerErrors('electron/core/store/probe.ts', "import { ok } from '@shared/contract/api';\nvoid ok;\n")).toEqual([]);
  });

  it('shared/ imports only itself: no Node, no core, no renderer', async () => {
    expect(await layerErrors('shared/logic/probe.ts', "import { a } from '../domain/mention';\nvoid a;\n")).toEqual([]);
    const errors = await layerErrors(
      'shared/logic/probe.ts',
      "import { a } from '../../electron/core/base/logger';\nimport { b } from '../../renderer/src/main';\nimport { c } from 'node:path';\nvoid a, b, c;\n",
    );
    expect(errors).toHaveLength(3);
  });

  it('the core never imports Electron, a shell or the renderer, however the path is spelled', async () => {
    const errors = await layerErrors(
      'electron/core/walls/probe.ts',
      "import { app } from 'electron';\nimport { a } from '../../serve/index';\nimport { b } from '../../main/index';\nimport { c } from '../walls/../../../renderer/src/main';\nconst d = await import('../../serve/index');\nvoid app, a, b, c, d;\n",
    );
    expect(errors).toHaveLength(5);
  });

  it('areas take only types from the composition root; command-line tools under electron/cli may wire it', async () => {
    expect(await layerErrors('electron/core/api/probe.ts', "import type { CoreServices } from '../app/services';\nexport type X = CoreServices;\n")).toEqual(
      [],
    );
    expect(await layerErrors('electron/core/api/probe.ts', "import { buildServices } from '../app/services';\nvoid buildServices;\n")).toHaveLength(1);
    // A command kept in a domain folder is an area like any other: it goes under electron/cli.
    expect(await layerErrors('electron/core/bundles/probe-command.ts', "import { buildServices } from '../app/services';\nvoid buildServices;\n")).toHaveLength(
      1,
    );
    expect(
      await layerErrors('electron/cli/commands/probe-command.ts', "import { buildServices } from '../../core/app/services';\nvoid buildServices;\n"),
    ).toEqual([]);
    expect(
      await layerErrors(
        'electron/cli/commands/probe-command.ts',
        "import { a } from '../../../renderer/src/main';\nimport { b } from '../../main/index';\nvoid a, b;\n",
      ),
    ).toHaveLength(2);
    expect(await layerErrors('electron/core/app/probe.ts', "import { AlertService } from '../alerts/alert-service';\nvoid AlertService;\n")).toEqual([]);
  });

  it('the lower core layers do not import the areas above them', async () => {
    expect(await layerErrors('electron/core/store/probe.ts', "import { a } from '../base/private-files';\nvoid a;\n")).toEqual([]);
    expect(await layerErrors('electron/core/store/probe.ts', "import { a } from '../alerts/alert-service';\nvoid a;\n")).toHaveLength(1);
    expect(await layerErrors('electron/core/base/probe.ts', "import type { Store } from '../store/store';\nexport type S = Store;\n")).toHaveLength(1);
    expect(await layerErrors('electron/core/net/probe.ts', "import type { Store } from '../store/store';\nexport type S = Store;\n")).toEqual([]);
    expect(await layerErrors('electron/core/net/probe.ts', "export { a } from '../scheduler/scheduler';\n")).toHaveLength(1);
  });

  it('serve mode and the Electron shell meet only through the core; the preload sees only shared/', async () => {
    expect(await layerErrors('electron/serve/probe.ts', "import { a } from '../main/index';\nvoid a;\n")).toHaveLength(1);
    expect(await layerErrors('electron/main/probe.ts', "import { a } from '../serve/index';\nvoid a;\n")).toHaveLength(1);
    expect(await layerErrors('electron/main/probe.ts', "import { startCore } from '../core/app/start-core';\nvoid startCore;\n")).toEqual([]);
    expect(await layerErrors('electron/preload/probe.ts', "import { a } from '../core/store/store';\nvoid a;\n")).toHaveLength(1);
  });
});
