/**
 * A JSON Schema (as `z.toJSONSchema` writes it) as one short line a reader can scan in a table:
 * `integer 1…1440`, `string ≤ 80 chars`, `"brand" | "competitor"`, `{ id: integer, name?: string }`.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  description?: string;
}

const literal = (value: unknown): string => JSON.stringify(value);

function range(low: number | undefined, high: number | undefined, unit = ''): string {
  // Number.MAX_SAFE_INTEGER and friends say "no practical limit".
  const hi = high !== undefined && Math.abs(high) < 2 ** 52 ? high : undefined;
  const lo = low !== undefined && Math.abs(low) < 2 ** 52 ? low : undefined;
  if (lo !== undefined && hi !== undefined) return lo === hi ? ` = ${lo}${unit}` : ` ${lo}…${hi}${unit}`;
  if (lo !== undefined) return ` ≥ ${lo}${unit}`;
  if (hi !== undefined) return ` ≤ ${hi}${unit}`;
  return '';
}

export function objectText(schema: JsonSchema, depth: number): string {
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0)
    return schema.additionalProperties && schema.additionalProperties !== true ? `{ [key]: ${schemaText(schema.additionalProperties, depth + 1)} }` : '{}';
  const required = new Set(schema.required ?? []);
  return `{ ${entries.map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${schemaText(v, depth + 1)}`).join(', ')} }`;
}

export function schemaText(schema: JsonSchema | boolean | undefined, depth = 0): string {
  if (schema === undefined || schema === true) return 'any';
  if (schema === false) return 'never';
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => schemaText(s, depth)).join(' | ');
  if (schema.allOf) return schema.allOf.map((s) => schemaText(s, depth)).join(' & ');
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return type.map((t) => schemaText({ ...schema, type: t }, depth)).join(' | ');
  switch (type[0]) {
    case 'string': {
      const format = schema.format ? ` (${schema.format})` : schema.pattern ? ` matching \`${schema.pattern}\`` : '';
      return `string${range(schema.minLength, schema.maxLength, ' chars')}${format}`;
    }
    case 'integer':
    case 'number':
      return `${type[0]}${range(schema.minimum ?? schema.exclusiveMinimum, schema.maximum ?? schema.exclusiveMaximum)}`;
    case 'boolean':
    case 'null':
      return type[0];
    case 'array': {
      if (schema.prefixItems) return `[${schema.prefixItems.map((s) => schemaText(s, depth + 1)).join(', ')}]`;
      const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      const inner = schemaText(items, depth + 1);
      return `array of ${/[ |]/.test(inner) ? `(${inner})` : inner}${range(schema.minItems, schema.maxItems, ' items')}`;
    }
    case 'object':
      return objectText(schema, depth);
    default:
      return 'any';
  }
}
