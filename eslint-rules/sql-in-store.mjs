/**
 * SQL lives in the store: statements are prepared once in `electron/core/store/queries/*` and the
 * rest of the code calls the functions those modules return. Outside the allowed folders this rule
 * reports what only a database handle does (`x.prepare(…)`, `x.pragma(…)`, `x.exec(sql)`) and string
 * literals that are SQL statements, so a query written in a domain folder fails lint even when it
 * is handed to a helper.
 *
 * Without type information `exec` is ambiguous (`RegExp.prototype.exec` is everywhere): it is
 * reported when its argument is SQL text or its receiver is named like a database (`db`,
 * `store.db`, `database`, `sqlite`).
 */
import { relative, sep } from 'node:path';

const toPosix = (p) => p.split(sep).join('/');
const inFolder = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/** The start of a statement, written the way this codebase writes SQL (upper-case keywords). */
const SQL_START =
  /^\s*(?:SELECT\s[\s\S]*\sFROM\s|INSERT\s+(?:OR\s+\w+\s+)?INTO\s|REPLACE\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(?:TEMP\s+|VIRTUAL\s+|UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\s|DROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)\s|ALTER\s+TABLE\s|PRAGMA\s|VACUUM\b|WITH\s+(?:RECURSIVE\s+)?\w+\s*(?:\([^)]*\))?\s+AS\s*\()/;
const DATABASE_NAME = /^(?:db|database|sqlite|\w*Db)$/i;

function textOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ? ');
  return null;
}

function receiverName(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return null;
}

export const sqlInStore = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL is written and prepared only in the store (electron/core/store); everything else calls its query modules.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, allow: { type: 'array', items: { type: 'string' } } },
        required: ['root', 'allow'],
        additionalProperties: false,
      },
    ],
    messages: {
      call: '{{file}} calls .{{method}}() on a database: SQL lives in electron/core/store/queries (add a query function there and call it)',
      text: '{{file}} holds SQL text: SQL lives in electron/core/store/queries (add a query function there and call it)',
    },
  },
  create(context) {
    const { root, allow } = context.options[0];
    const file = toPosix(relative(root, context.filename));
    if (allow.some((folder) => inFolder(file, folder))) return {};
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        const sqlArgument = SQL_START.test(textOf(node.arguments[0]) ?? '');
        const databaseReceiver = DATABASE_NAME.test(receiverName(callee.object) ?? '');
        if (method === 'prepare' || method === 'pragma' || (method === 'exec' && (sqlArgument || databaseReceiver))) {
          context.report({ node: callee.property, messageId: 'call', data: { file, method } });
        }
      },
      Literal(node) {
        if (typeof node.value === 'string' && SQL_START.test(node.value)) context.report({ node, messageId: 'text', data: { file } });
      },
      TemplateLiteral(node) {
        if (SQL_START.test(textOf(node))) context.report({ node, messageId: 'text', data: { file } });
      },
    };
  },
};

export default { rules: { 'sql-in-store': sqlInStore } };
