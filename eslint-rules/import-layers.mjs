/**
 * Which folder may import which, checked on the resolved path of every relative import (and on
 * package names), so `../../../electron/x` is judged by where it lands, not by how it is spelled.
 * ESLint's built-in `no-restricted-imports` matches the written specifier only, and the import
 * plugins need a TypeScript resolver to see `.ts` targets; this rule needs neither.
 *
 * A layer is a repository-relative folder with constraints; every layer whose folder holds the
 * importing file applies (unless the file is in its `except` folders), so constraints compose: a
 * file in `electron/core/store` obeys both the core's rules and the store's. `allow` lists the
 * folders a file may import from besides its layer's own folder, `deny` folders it may never import
 * (even inside its own folder), `allowTypesFrom` folders whose types (`import type`) are allowed
 * anyway, `denyPackages` the packages it must not use (a trailing `*` matches a prefix).
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** The one path alias (tsconfig.base.json `paths`): `@shared/x` is the repository's `shared/x`. */
const SHARED_ALIAS = '@shared/';

const toPosix = (p) => p.split(sep).join('/');
const inFolder = (path, folder) => path === folder || path.startsWith(`${folder}/`);

function matchesPackage(specifier, patterns) {
  return patterns.some((p) => (p.endsWith('*') ? specifier.startsWith(p.slice(0, -1)) : specifier === p || specifier.startsWith(`${p}/`)));
}

/** Every import-like node's source literal, and whether it brings in types only. */
function importsOf(node) {
  switch (node.type) {
    case 'ImportDeclaration': {
      const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
      return { source: node.source, typeOnly };
    }
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
      return node.source ? { source: node.source, typeOnly: node.exportKind === 'type' } : null;
    case 'ImportExpression':
      return node.source.type === 'Literal' && typeof node.source.value === 'string' ? { source: node.source, typeOnly: false } : null;
    case 'CallExpression':
      return node.callee.type === 'Identifier' &&
        node.callee.name === 'require' &&
        node.arguments[0]?.type === 'Literal' &&
        typeof node.arguments[0].value === 'string'
        ? { source: node.arguments[0], typeOnly: false }
        : null;
    default:
      return null;
  }
}

export const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports flow down the layers: shared ← core ← shells; renderer sees only shared; core folders do not import upward.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                folder: { type: 'string' },
                allow: { type: 'array', items: { type: 'string' } },
                deny: { type: 'array', items: { type: 'string' } },
                allowTypesFrom: { type: 'array', items: { type: 'string' } },
                except: { type: 'array', items: { type: 'string' } },
                denyPackages: { type: 'array', items: { type: 'string' } },
                why: { type: 'string' },
              },
              required: ['folder'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      folder: '{{file}} may not import {{target}}: {{why}}',
      package: '{{file}} may not use the package "{{specifier}}": {{why}}',
      alias: '{{file}} reaches shared/ by a relative path ("{{specifier}}"): write "@shared/{{rest}}", the one path alias',
    },
  },
  create(context) {
    const { root, layers } = context.options[0];
    const file = toPosix(relative(root, context.filename));
    const applying = layers.filter((l) => inFolder(file, l.folder) && !(l.except ?? []).some((f) => inFolder(file, f)));
    if (applying.length === 0 && inFolder(file, 'shared')) return {};

    function check(node) {
      const found = importsOf(node);
      if (!found) return;
      const specifier = found.source.value;
      if (specifier.startsWith('.') && !inFolder(file, 'shared')) {
        const landing = toPosix(relative(root, resolve(dirname(context.filename), specifier)));
        if (inFolder(landing, 'shared')) {
          context.report({ node: found.source, messageId: 'alias', data: { file, specifier, rest: landing.slice('shared/'.length) } });
        }
      }
      for (const layer of applying) {
        const why = layer.why ?? `see the layer table in eslint.config.mjs for ${layer.folder}`;
        const aliased = specifier.startsWith(SHARED_ALIAS);
        if (!aliased && !specifier.startsWith('.')) {
          if (layer.denyPackages && matchesPackage(specifier, layer.denyPackages)) {
            context.report({ node: found.source, messageId: 'package', data: { file, specifier, why } });
          }
          continue;
        }
        const target = aliased ? `shared/${specifier.slice(SHARED_ALIAS.length)}` : toPosix(relative(root, resolve(dirname(context.filename), specifier)));
        if (found.typeOnly && (layer.allowTypesFrom ?? []).some((f) => inFolder(target, f))) continue;
        const denied = (layer.deny ?? []).some((f) => inFolder(target, f));
        const allowed = inFolder(target, layer.folder) || layer.allow === undefined || layer.allow.some((f) => inFolder(target, f));
        if (denied || !allowed) context.report({ node: found.source, messageId: 'folder', data: { file, target, why } });
      }
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      CallExpression: check,
    };
  },
};

export default { rules: { 'import-layers': importLayers } };
