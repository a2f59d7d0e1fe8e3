// Lint: typescript-eslint's recommended rules (without type information, so it stays fast on small
// machines) and the import layers that keep the code placed by where it may run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import layers from './eslint-rules/import-layers.mjs';
import sqlInStore from './eslint-rules/sql-in-store.mjs';

const root = import.meta.dirname;
const CORE_LOW = 'the lower core layers (base ← store ← net, secrets) never import the areas above them';

/** Every layer whose folder holds a file applies to it; see eslint-rules/import-layers.mjs. */
const LAYERS = [
  {
    folder: 'shared',
    allow: [],
    denyPackages: ['node:*', 'electron', 'react', 'react-dom', 'better-sqlite3', 'ws', 'undici'],
    why: 'shared/ is pure: it imports only shared/ and pure packages, no Node, DOM or Electron runtime',
  },
  {
    folder: 'renderer',
    allow: ['shared'],
    denyPackages: ['node:*', 'electron', 'better-sqlite3', 'ws', 'undici'],
    why: 'the renderer runs in a browser and sees only shared/',
  },
  {
    folder: 'electron/core',
    allow: ['shared'],
    denyPackages: ['electron'],
    why: 'the core runs under plain Node: it never imports Electron, a shell or the renderer',
  },
  {
    folder: 'electron/core',
    except: ['electron/core/app'],
    deny: ['electron/core/app'],
    allowTypesFrom: ['electron/core/app'],
    why: 'app/ is the composition root above every area: areas import only its types',
  },
  { folder: 'electron/core/base', allow: ['shared'], why: CORE_LOW },
  { folder: 'electron/core/store', allow: ['shared', 'electron/core/base'], why: CORE_LOW },
  { folder: 'electron/core/net', allow: ['shared', 'electron/core/base', 'electron/core/store'], why: CORE_LOW },
  { folder: 'electron/core/secrets', allow: ['shared', 'electron/core/base', 'electron/core/store'], why: CORE_LOW },
  {
    // Command-line tools build their own core, as the composition root does. The launchers may ask
    // the `electron` package where its binary is; nothing here loads a shell's code or the renderer.
    folder: 'electron/cli',
    deny: ['renderer', 'electron/main', 'electron/preload', 'electron/serve'],
    why: 'command-line tools build their own core; they never load a shell or the renderer',
  },
  {
    folder: 'electron/serve',
    deny: ['electron/main', 'electron/preload', 'renderer'],
    denyPackages: ['electron'],
    why: 'serve mode and the Electron shell meet only through the core',
  },
  { folder: 'electron/main', deny: ['electron/serve', 'renderer'], why: 'serve mode and the Electron shell meet only through the core' },
  { folder: 'electron/preload', allow: ['shared'], why: 'the preload exposes only a frame pipe; it sees only shared/' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.native/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx,mts,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { earshot: { rules: { ...layers.rules, ...sqlInStore.rules } } },
    rules: {
      'earshot/import-layers': ['error', { root, layers: LAYERS }],
      // Refusing control characters at the boundary is what those expressions are for.
      'no-control-regex': 'off',
      // Flags `let x = null; try { x = f(); } catch { x = null; }`, a deliberate explicit default.
      'no-useless-assignment': 'off',
      // `_`-prefixed names are placeholders kept on purpose (omitting a key from a rest object, unused parameters of an interface).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The application's code; tests read a database directly on purpose, to check it from outside.
    files: ['electron/**/*.{ts,tsx,mts,mjs}', 'shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    rules: { 'earshot/sql-in-store': ['error', { root, allow: ['electron/core/store'] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // TypeScript checks names itself; the JavaScript tools run under Node.
    files: ['**/*.{ts,tsx,mts}'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
);
