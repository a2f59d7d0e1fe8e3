/**
 * Every kind of source a user can add from the settings screen. A new kind adds its spec module
 * in this folder and one entry here.
 */
import type { SourceKind } from '../../domain/source';
import type { SourceKindSpec } from './spec';

export const SOURCE_KIND_SPECS: Partial<Record<SourceKind, SourceKindSpec>> = {};

export type { FieldSpec, FieldType, SourceKindSpec } from './spec';
