/**
 * What the contract's runtime objects cannot tell: the doc comment above each call's parameter
 * schema and the declared result and payload types, read from the area modules' source with the
 * TypeScript parser (syntax only; no type checking, so it is fast and needs no project setup).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface ContractSource {
  /** Call or push name → the doc comment above its parameter schema (calls) or payload (pushes). */
  docs: Map<string, string>;
  /** Call name → its declared result type, as written. */
  results: Map<string, string>;
  /** Push topic → its declared payload type, as written. */
  payloads: Map<string, string>;
}

function keyOf(name: ts.PropertyName): string | null {
  return ts.isStringLiteral(name) || ts.isIdentifier(name) ? name.text : null;
}

function docOf(node: ts.Node, file: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(file.text, node.getFullStart()) ?? [];
  const doc = ranges
    .map((r) => file.text.slice(r.pos, r.end))
    .filter((c) => c.startsWith('/**'))
    .at(-1);
  if (!doc) return '';
  return doc
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isSatisfiesExpression(current) || ts.isAsExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').replace(/;\s*}/g, ' }').trim();

export function readContractSource(areasDir: string): ContractSource {
  const source: ContractSource = { docs: new Map(), results: new Map(), payloads: new Map() };
  for (const name of readdirSync(areasDir)
    .filter((n) => n.endsWith('.ts'))
    .sort()) {
    const file = ts.createSourceFile(name, readFileSync(join(areasDir, name), 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of file.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          if (!ts.isIdentifier(decl.name) || !decl.name.text.endsWith('Params') || !decl.initializer) continue;
          const init = unwrap(decl.initializer);
          if (!ts.isObjectLiteralExpression(init)) continue;
          for (const prop of init.properties) {
            if (!ts.isPropertyAssignment(prop)) continue;
            const key = keyOf(prop.name);
            if (key) source.docs.set(key, docOf(prop, file));
          }
        }
      }
      if (ts.isInterfaceDeclaration(statement)) {
        const target = statement.name.text.endsWith('Results') ? source.results : statement.name.text.endsWith('Events') ? source.payloads : null;
        if (!target) continue;
        for (const member of statement.members) {
          if (!ts.isPropertySignature(member) || !member.type) continue;
          const key = keyOf(member.name);
          if (!key) continue;
          target.set(key, oneLine(member.type.getText(file)));
          if (target === source.payloads) source.docs.set(key, docOf(member, file));
        }
      }
    }
  }
  return source;
}
