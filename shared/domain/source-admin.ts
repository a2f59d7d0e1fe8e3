/**
 * What the Sources settings screen exchanges with the core: kinds a user can add, one source's
 * settings (secret values never included: only whether each secret is stored), field-level
 * validation errors, and what a "test connection" would store.
 */
import type { FieldSpec } from '../contract/source-config/spec';
import type { MentionInput } from './mention';
import type { SourceHealth, SourceKind } from './source';

/** A source kind as the form needs it: no schema, no secrets. */
export interface SourceKindInfo {
  kind: SourceKind;
  title: string;
  description: string;
  fields: FieldSpec[];
  defaultIntervalMs: number;
  /** Keys of the fields whose values are kept in the keychain / secrets file. */
  secretFields: string[];
}

export type SecretState = 'set' | 'unset';

/** Where secrets are kept on this machine, and why they cannot be used if they cannot. */
export interface SecretsInfo {
  /** 'os-keychain': encrypted by the OS keychain (the app); 'file': secrets.json readable only by the user (serve mode). */
  backend: 'os-keychain' | 'file';
  /** Set when the secrets file is refused (others can read it, or it is corrupt): what to do. */
  problem: string | null;
}

export interface SourceSettings {
  id: string;
  kind: SourceKind;
  name: string;
  intervalMs: number;
  enabled: boolean;
  /** The plain settings as stored; secret fields are never in here. */
  settings: Record<string, unknown>;
  /** For each secret field of the kind: whether a value is stored. */
  secrets: Record<string, SecretState>;
  /** False for kinds without a settings form (the built-in demo, command-line replays). */
  editable: boolean;
  /** False for the built-in demo source (pause it instead). */
  deletable: boolean;
  health: SourceHealth | null;
}

/**
 * One problem with what the user entered. `field` is `name`, `intervalMs`, `kind`, or
 * `settings.<key>` (deeper zod paths continue with dots), so the form puts it next to its field.
 */
export interface FieldError {
  field: string;
  message: string;
}

export type SourceSaveResult = { ok: true; source: SourceSettings } | { ok: false; errors: FieldError[] };

/** What a test poll found: the first mentions exactly as they would be stored, and what would be skipped. */
export type SourceTestResult =
  | {
      ok: true;
      /** Items the platform returned on its first page. */
      received: number;
      /** The first of those that pass the pipeline's checks (text is text: show it as such). */
      sample: MentionInput[];
      /** How many would be stored (before de-duplication against what is stored already). */
      valid: number;
      skipped: Array<{ index: number; reason: string }>;
      moreAvailable: boolean;
      durationMs: number;
    }
  | {
      ok: false;
      /** In plain words, without secrets. */
      error: string;
      /** Field problems found before anything was fetched. */
      errors: FieldError[];
      /** Set when the platform answered "slow down". */
      retryAfterMs: number | null;
    };
