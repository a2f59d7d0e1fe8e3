/**
 * What the settings screen needs to draw, check and explain one kind of source, without knowing
 * the platform: the zod schema of its settings and a description of each field for the form.
 */
import type { z } from 'zod';
import type { SourceKind } from '../../domain/source';

export type FieldType = 'text' | 'url' | 'number' | 'secret' | 'select' | 'textarea' | 'boolean' | 'list';

export interface FieldSpec {
  /** Key in the settings object (a top-level key of the schema). */
  key: string;
  label: string;
  /** One line of help under the field, e.g. where to find a token. */
  help?: string;
  type: FieldType;
  /** For 'select'. */
  options?: readonly string[];
  placeholder?: string;
  required?: boolean;
}

export interface SourceKindSpec<S extends z.ZodType = z.ZodType> {
  kind: SourceKind;
  /** "RSS, Atom or JSON Feed", "Mastodon hashtag or search", … */
  title: string;
  /** What it listens to and what it needs (an account? a token?), in a sentence or two. */
  description: string;
  /** Validates the whole settings object, secrets included. */
  schema: S;
  fields: readonly FieldSpec[];
  defaultIntervalMs: number;
  /**
   * Fields holding secrets (tokens, keys, shared secrets). They are kept in the OS keychain (or a
   * file only the user can read), never in the sources table, logs, errors or the renderer.
   */
  secretFields: readonly string[];
}
