/**
 * Adding, changing, testing and deleting sources, for the Sources settings screen. Settings are
 * checked against their kind's schema (answers are field by field); secret fields are split off
 * into the SecretStore before the rest is stored in `sources.config`, and merged back only where
 * an adapter is built. Every change starts, restarts or stops the source in the scheduler.
 */
import { describeDestination, settingsDestination } from '../secrets/secret-destination';
import { randomUUID } from 'node:crypto';
import { SOURCE_KIND_SPECS, type SourceKindSpec } from '@shared/contract/source-config';
import type { MentionInput } from '@shared/domain/mention';
import { SOURCE_KINDS, type SourceKind } from '@shared/domain/source';
import type { FieldError, SecretState, SourceKindInfo, SourceSaveResult, SourceSettings, SourceTestResult } from '@shared/domain/source-admin';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import { checkMentionInput } from '../pipeline/mention-input';
import { describeError, runPoll } from '../scheduler/run-poll';
import { redactText, type Scheduler } from '../scheduler/scheduler';
import { splitSecrets } from '../secrets/secret-fields';
import { SecretsUnavailableError, type SecretStore } from '../secrets/secret-store';
import { RateLimitError, SourceConfigError, type SourceAdapter } from '../sources/adapter';
import { createAdapter } from '../sources/registry';
import type { SourceRecord } from '../store/queries/sources';
import type { Store } from '../store/store';
import { settingsErrors } from './field-errors';

export const MIN_INTERVAL_MS = 1_000;
export const MAX_INTERVAL_MS = 24 * 60 * 60_000;
export const MAX_NAME_CHARS = 100;
/** "Test connection" waits at most this long (or the scheduler's own timeout, if shorter). */
export const TEST_TIMEOUT_MS = 15_000;
/** Mentions and skip reasons a test shows. */
export const TEST_SAMPLE = 20;
/** The built-in demo source comes back on every start; it can be paused, not deleted. */
const BUILT_IN = new Set(['demo']);

export interface NewSource {
  kind: string;
  name: string;
  intervalMs?: number | undefined;
  enabled?: boolean | undefined;
  settings: Record<string, unknown>;
}

export interface SourceChange {
  name?: string | undefined;
  intervalMs?: number | undefined;
  settings?: Record<string, unknown> | undefined;
}

/** Connection tests running at once; more are answered "busy". */
export const MAX_CONCURRENT_TESTS = 2;

export class SourceManager {
  private testsRunning = 0;
  constructor(
    private readonly store: Store,
    private readonly scheduler: Scheduler,
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Registers every stored source with the scheduler; one with broken settings shows as failing. */
  registerAll(): void {
    for (const record of this.store.sources.list()) this.register(record);
  }

  kinds(): SourceKindInfo[] {
    return specs().map((spec) => ({
      kind: spec.kind,
      title: spec.title,
      description: spec.description,
      fields: spec.fields.map((f) => ({ ...f })),
      defaultIntervalMs: spec.defaultIntervalMs,
      secretFields: [...spec.secretFields],
    }));
  }

  get(id: string): SourceSettings {
    return this.view(this.live(id));
  }

  create(input: NewSource): SourceSaveResult {
    const spec = specFor(input.kind);
    if (!spec) return { ok: false, errors: [{ field: 'kind', message: `"${input.kind.slice(0, 50)}" is not a kind of source that can be added here` }] };
    const errors: FieldError[] = [...checkName(input.name), ...checkInterval(input.intervalMs ?? spec.defaultIntervalMs)];
    const checked = this.checkSettings(spec, input.settings, {});
    if (!checked.ok) errors.push(...checked.errors);
    if (errors.length > 0 || !checked.ok) return { ok: false, errors };

    // Short ids read well in logs and URLs (/hooks/<id>); a deleted source's id is never reused.
    let id = `${spec.kind}-${randomUUID().slice(0, 8)}`;
    while (this.store.sources.get(id)) id = `${spec.kind}-${randomUUID().slice(0, 8)}`;
    // Secrets first: a source row never exists whose secrets were not stored.
    if (Object.keys(checked.secrets).length > 0) this.writeSecrets(id, checked.secrets, [], checked.destination);
    this.store.sources.create({
      id,
      kind: spec.kind,
      name: input.name.trim(),
      config: JSON.stringify(checked.plain),
      enabled: input.enabled ?? true,
      intervalMs: Math.round(input.intervalMs ?? spec.defaultIntervalMs),
      createdAt: this.now(),
    });
    const record = this.store.sources.get(id)!;
    this.register(record);
    this.logger.info('source created', { source: id, kind: spec.kind });
    return { ok: true, source: this.view(record) };
  }

  update(id: string, change: SourceChange): SourceSaveResult {
    const record = this.live(id);
    const errors: FieldError[] = [];
    if (change.name !== undefined) errors.push(...checkName(change.name));
    if (change.intervalMs !== undefined) errors.push(...checkInterval(change.intervalMs));
    let config = record.config;
    let secretChange: { set: Record<string, string>; remove: string[]; destination: string } | null = null;
    if (change.settings !== undefined) {
      const spec = specFor(record.kind);
      if (!spec) {
        errors.push({ field: 'settings', message: `the settings of a ${record.kind} source cannot be changed here` });
      } else {
        const { checked, stored } = this.checkWithStoredSecrets(spec, record, change.settings);
        if (!checked.ok) errors.push(...checked.errors);
        else {
          config = JSON.stringify(checked.plain);
          const remove = spec.secretFields.filter((f) => stored[f] !== undefined && checked.secrets[f] === undefined);
          secretChange = { set: changedSecrets(checked.secrets, stored), remove, destination: checked.destination };
        }
      }
    }
    if (errors.length > 0) return { ok: false, errors };

    // Always rewritten with the destination, so the secrets kept are recorded for where they now go.
    if (secretChange && (Object.keys(secretChange.set).length > 0 || secretChange.remove.length > 0 || Object.keys(this.storedSecrets(id)).length > 0)) {
      this.writeSecrets(id, secretChange.set, secretChange.remove, secretChange.destination);
    }
    this.store.sources.updateSettings(id, {
      name: change.name?.trim() ?? record.name,
      config,
      intervalMs: Math.round(change.intervalMs ?? record.intervalMs),
      resetCursor: !sameSettings(record.config, config),
    });
    const updated = this.store.sources.get(id)!;
    this.register(updated);
    this.logger.info('source changed', { source: id, restartedFromNewest: !sameSettings(record.config, config) });
    return { ok: true, source: this.view(updated) };
  }

  delete(id: string): { id: string; keptMentions: number } {
    const record = this.live(id);
    if (BUILT_IN.has(id)) throw new ApiError('conflict', 'the built-in demo source cannot be deleted; pause it instead (or start with EARSHOT_DEMO=off)');
    this.scheduler.remove(id);
    this.store.sources.markDeleted(id, this.now());
    try {
      this.secrets.deleteSource(id);
    } catch (error) {
      this.logger.warn('could not forget the secrets of a deleted source', { source: id, error: describeError(error) });
    }
    this.logger.info('source deleted', { source: id, keptMentions: record.itemsTotal });
    return { id, keptMentions: record.itemsTotal };
  }

  /**
   * Polls one page with unsaved settings, stores nothing, and says what would have been stored.
   * At most a few run at once: each may fetch and parse megabytes, and a burst of them must not
   * starve the sources that are running.
   */
  async test(input: { kind: string; settings: Record<string, unknown>; id?: string | undefined }): Promise<SourceTestResult> {
    if (this.testsRunning >= MAX_CONCURRENT_TESTS) {
      return {
        ok: false,
        error: `busy: ${MAX_CONCURRENT_TESTS} connection tests are already running; try again when one has finished`,
        errors: [],
        retryAfterMs: 2_000,
      };
    }
    this.testsRunning++;
    try {
      return await this.runTest(input);
    } finally {
      this.testsRunning--;
    }
  }

  private async runTest(input: { kind: string; settings: Record<string, unknown>; id?: string | undefined }): Promise<SourceTestResult> {
    const spec = specFor(input.kind);
    if (!spec)
      return {
        ok: false,
        error: `"${input.kind.slice(0, 50)}" is not a kind of source that can be tested here`,
        errors: [{ field: 'kind', message: 'unknown kind' }],
        retryAfterMs: null,
      };
    let checked: ReturnType<SourceManager['checkSettings']>;
    if (input.id !== undefined) {
      const record = this.live(input.id);
      if (record.kind !== spec.kind) throw new ApiError('bad-params', `source "${input.id}" is a ${record.kind} source, not ${spec.kind}`);
      // A stored token is only ever sent to the host it was saved for.
      checked = this.checkWithStoredSecrets(spec, record, input.settings).checked;
    } else {
      checked = this.checkSettings(spec, input.settings, {});
    }
    if (!checked.ok) return { ok: false, error: 'some settings need fixing first', errors: checked.errors, retryAfterMs: null };
    const redact = Object.values(checked.secrets);

    let adapter: SourceAdapter;
    try {
      adapter = createAdapter({ id: input.id ?? `test-${spec.kind}`, kind: spec.kind, config: JSON.stringify(checked.plain) }, checked.secrets);
    } catch (error) {
      return { ok: false, error: redactText(describeError(error), redact), errors: [], retryAfterMs: null };
    }
    const startedAt = this.now();
    try {
      const result = await runPoll(adapter, {
        cursor: null,
        now: startedAt,
        outbound: this.scheduler.outbound,
        timeoutMs: Math.min(TEST_TIMEOUT_MS, this.scheduler.timeoutMs),
        abort: new AbortController(),
      });
      const sample: MentionInput[] = [];
      const skipped: Array<{ index: number; reason: string }> = [];
      let valid = 0;
      result.items.forEach((item, index) => {
        const checkedItem = checkMentionInput(item, startedAt);
        if (!checkedItem.ok) {
          if (skipped.length < TEST_SAMPLE) skipped.push({ index, reason: redactText(checkedItem.reason, redact) });
          return;
        }
        valid++;
        if (sample.length < TEST_SAMPLE) sample.push(checkedItem.mention);
      });
      return {
        ok: true,
        received: result.items.length,
        sample,
        valid,
        skipped,
        moreAvailable: result.moreAvailable === true,
        durationMs: this.now() - startedAt,
      };
    } catch (error) {
      const message = redactText(describeError(error), redact);
      if (error instanceof RateLimitError) return { ok: false, error: `rate limited: ${message}`, errors: [], retryAfterMs: error.retryAfterMs };
      return { ok: false, error: message, errors: [], retryAfterMs: null };
    } finally {
      try {
        await adapter.close?.();
      } catch {
        // A test adapter that cannot close cleanly has nothing left to lose.
      }
    }
  }

  /** (Re)starts a stored source in the scheduler with its secrets merged into its settings. */
  private register(record: SourceRecord): void {
    let secrets: Record<string, string> = {};
    let adapter: SourceAdapter | null = null;
    let problem: string | undefined;
    try {
      secrets = this.secretsForAdapter(record);
      adapter = createAdapter(record, secrets);
    } catch (error) {
      // One source with broken settings (or unreadable secrets) is shown as failing; the others run.
      problem = error instanceof SourceConfigError || error instanceof SecretsUnavailableError ? error.message : `cannot start: ${describeError(error)}`;
      problem = redactText(problem, Object.values(secrets));
      this.logger.error('source not started', { source: record.id, error: problem });
    }
    if (this.scheduler.has(record.id)) this.scheduler.replace(record, adapter, problem, Object.values(secrets));
    else this.scheduler.add(record, adapter, problem, Object.values(secrets));
  }

  private secretsForAdapter(record: SourceRecord): Record<string, string> {
    const spec = specFor(record.kind);
    if (!spec || spec.secretFields.length === 0) return {};
    if (this.secrets.problem !== null) throw new SecretsUnavailableError(`source ${record.id}: ${this.secrets.problem}`);
    try {
      const all = this.secrets.getAll(record.id);
      // Settings changed behind the form's back (the database edited) never carry a token elsewhere.
      const recorded = this.secrets.destinationOf(record.id);
      if (recorded !== null && Object.keys(all).length > 0) {
        const now = this.savedDestinationOfConfig(spec, record, all);
        if (now !== null && now !== recorded)
          throw new SourceConfigError(
            `source ${record.id}: its secrets were saved for ${describeDestination(recorded)}, not ${describeDestination(now)}; enter them again in the Sources view`,
          );
      }
      return all;
    } catch (error) {
      if (error instanceof SecretsUnavailableError) throw new SecretsUnavailableError(`source ${record.id}: ${error.message}`);
      throw error;
    }
  }

  /** Stored secrets for merging into an edit; unreadable ones count as missing (the form asks again). */
  private storedSecrets(id: string): Record<string, string> {
    try {
      return this.secrets.getAll(id);
    } catch (error) {
      if (error instanceof SecretsUnavailableError) return {};
      throw error;
    }
  }

  private writeSecrets(id: string, set: Record<string, string>, remove: string[], destination: string): void {
    try {
      this.secrets.update(id, set, remove, destination);
    } catch (error) {
      if (error instanceof SecretsUnavailableError) throw new ApiError('unavailable', `secrets cannot be stored: ${error.message}`);
      throw error;
    }
  }

  /**
   * Validates settings as the form sent them, with stored secrets standing in for secret fields
   * the form left out, and splits the result into plain settings and secrets.
   */
  private checkSettings(
    spec: SourceKindSpec,
    settings: Readonly<Record<string, unknown>>,
    stored: Readonly<Record<string, string>>,
  ): { ok: true; plain: Record<string, unknown>; secrets: Record<string, string>; destination: string } | { ok: false; errors: FieldError[] } {
    const merged: Record<string, unknown> = { ...settings };
    for (const field of spec.secretFields) {
      const sent = settings[field];
      if (sent === undefined && stored[field] !== undefined) merged[field] = stored[field];
      else if (sent === null || sent === '') delete merged[field];
    }
    const parsed = spec.schema.safeParse(merged);
    if (!parsed.success) return { ok: false, errors: settingsErrors(parsed.error, merged) };
    // Keep what the user entered (the adapter parses it again with defaults); secrets go apart.
    const { plain, secrets } = splitSecrets(merged, spec.secretFields);
    // With the schema's defaults: a token for the default API host belongs to that host.
    return { ok: true, plain, secrets, destination: settingsDestination(parsed.data as Record<string, unknown>, spec.secretFields) };
  }

  /**
   * Checks edited settings with the source's stored secrets standing in for the ones left out,
   * but only if the settings still send them where they were saved for. Otherwise the stored
   * secrets are not used (and an update clears them): the form must send them again.
   */
  private checkWithStoredSecrets(
    spec: SourceKindSpec,
    record: SourceRecord,
    settings: Readonly<Record<string, unknown>>,
  ): { checked: ReturnType<SourceManager['checkSettings']>; stored: Record<string, string> } {
    const stored = this.storedSecrets(record.id);
    const reused = spec.secretFields.filter((f) => settings[f] === undefined && stored[f] !== undefined);
    const first = this.checkSettings(spec, settings, stored);
    if (reused.length === 0 || !first.ok) return { checked: first, stored };
    const savedFor = this.savedDestination(spec, record);
    if (first.destination === savedFor) return { checked: first, stored };
    const without = this.checkSettings(spec, settings, {});
    if (without.ok) return { checked: without, stored };
    const moved = `stored for ${describeDestination(savedFor)}; the address changed, so enter it again to use it with ${describeDestination(first.destination)}`;
    return {
      checked: {
        ok: false,
        errors: without.errors.map((e) => (reused.some((f) => e.field === f || e.field === `settings.${f}`) ? { field: e.field, message: moved } : e)),
      },
      stored,
    };
  }

  /** Where a stored config sends its secrets (null: the config cannot be read; the adapter says why). */
  private savedDestinationOfConfig(spec: SourceKindSpec, record: SourceRecord, secrets: Record<string, string>): string | null {
    try {
      const parsed = spec.schema.safeParse({ ...(JSON.parse(record.config) as Record<string, unknown>), ...secrets });
      return parsed.success ? settingsDestination(parsed.data as Record<string, unknown>, spec.secretFields) : null;
    } catch {
      return null;
    }
  }

  /** Where a source's secrets were saved for (recorded with them; older ones: the addresses stored beside them). */
  private savedDestination(spec: SourceKindSpec, record: SourceRecord): string {
    try {
      const recorded = this.secrets.destinationOf(record.id);
      if (recorded !== null) return recorded;
    } catch {
      // Unreadable secrets are not used at all.
    }
    try {
      const parsed = spec.schema.safeParse({ ...(JSON.parse(record.config) as Record<string, unknown>), ...this.storedSecrets(record.id) });
      return parsed.success
        ? settingsDestination(parsed.data as Record<string, unknown>, spec.secretFields)
        : settingsDestination(JSON.parse(record.config) as Record<string, unknown>, spec.secretFields);
    } catch {
      return '';
    }
  }

  private live(id: string): SourceRecord {
    const record = this.store.sources.get(id);
    if (!record || record.deletedAt !== null) throw new ApiError('not-found', `source "${id}" does not exist`);
    return record;
  }

  private view(record: SourceRecord): SourceSettings {
    const spec = specFor(record.kind);
    const secretFields = spec?.secretFields ?? [];
    let set: string[] = [];
    try {
      set = secretFields.length > 0 ? this.secrets.fieldsSet(record.id) : [];
    } catch {
      // Unreadable secrets file: every secret shows as not stored, and the source's health says why.
    }
    const secrets: Record<string, SecretState> = {};
    for (const field of secretFields) secrets[field] = set.includes(field) ? 'set' : 'unset';
    return {
      id: record.id,
      kind: record.kind,
      name: record.name,
      intervalMs: record.intervalMs,
      enabled: record.enabled,
      settings: plainSettings(record.config, secretFields),
      secrets,
      editable: spec !== undefined,
      deletable: !BUILT_IN.has(record.id),
      health: this.scheduler.healthOfSource(record.id),
    };
  }
}

function specs(): SourceKindSpec[] {
  return SOURCE_KINDS.map((kind) => SOURCE_KIND_SPECS[kind]).filter((spec): spec is SourceKindSpec => spec !== null);
}

function specFor(kind: string): SourceKindSpec | undefined {
  return (SOURCE_KINDS as readonly string[]).includes(kind) ? (SOURCE_KIND_SPECS[kind as SourceKind] ?? undefined) : undefined;
}

function checkName(name: string): FieldError[] {
  const trimmed = name.trim();
  if (trimmed.length === 0) return [{ field: 'name', message: 'required' }];
  if (trimmed.length > MAX_NAME_CHARS) return [{ field: 'name', message: `at most ${MAX_NAME_CHARS} characters` }];
  return [];
}

function checkInterval(ms: number): FieldError[] {
  if (!Number.isFinite(ms) || ms < MIN_INTERVAL_MS) return [{ field: 'intervalMs', message: `at least ${MIN_INTERVAL_MS / 1000} s` }];
  if (ms > MAX_INTERVAL_MS) return [{ field: 'intervalMs', message: 'at most 24 hours' }];
  return [];
}

/** The stored settings without any secret field (a source stored before secrets were split off included). */
function plainSettings(config: string, secretFields: readonly string[]): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(config);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return splitSecrets(parsed as Record<string, unknown>, secretFields).plain;
  } catch {
    return {};
  }
}

function changedSecrets(next: Readonly<Record<string, string>>, stored: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(next)) if (stored[field] !== value) out[field] = value;
  return out;
}

/** Same settings, whatever the key order: then the cursor still means the same thing. */
function sameSettings(a: string, b: string): boolean {
  return canonical(a) === canonical(b);
}

function canonical(json: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(json)));
  } catch {
    return json;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
