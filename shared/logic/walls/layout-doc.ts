/** Reading and writing wall layout documents as files people exchange. */
import { describeSchemaIssues, wallLayoutDocSchema, WALL_LAYOUT_FORMAT, type WallLayoutDoc } from '../../contract/wall-schema';

export type ParsedLayout = { ok: true; doc: WallLayoutDoc } | { ok: false; error: string };

/** Import text up to this size; a layout is a few kilobytes. */
export const MAX_LAYOUT_FILE_CHARS = 200_000;

/**
 * A layout from the text of a JSON file. A rejection names where and why
 * ("widgets.2.w: reaches column 14 of a 12-column grid"), never just "invalid".
 */
export function parseLayoutJson(text: string): ParsedLayout {
  if (text.length > MAX_LAYOUT_FILE_CHARS)
    return { ok: false, error: `the file is larger than ${MAX_LAYOUT_FILE_CHARS} characters; a layout is a few kilobytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return parseLayoutDoc(json);
}

export function parseLayoutDoc(json: unknown): ParsedLayout {
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format !== WALL_LAYOUT_FORMAT) {
    return { ok: false, error: `format: expected "${WALL_LAYOUT_FORMAT}" (is this an Earshot wall layout?)` };
  }
  const parsed = wallLayoutDocSchema.safeParse(json);
  return parsed.success ? { ok: true, doc: parsed.data } : { ok: false, error: describeSchemaIssues(parsed.error) };
}

/** Stable, readable JSON for export: the file round-trips through `parseLayoutJson` unchanged. */
export function layoutToJson(doc: WallLayoutDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name for an exported layout: "crisis-north.earshot-layout.json". */
export function layoutFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'layout'}.earshot-layout.json`;
}

/** The topic a widget shows: its own, else the layout's (a crisis page), else everything (null). */
export function effectiveTopic(widgetTopic: number | null, doc: Pick<WallLayoutDoc, 'topicId'>): number | null {
  return widgetTopic ?? doc.topicId;
}
