/**
 * The thin stateful layer around the detectors: one open alert per dedupe key (a continuing surge
 * updates its alert instead of opening a flood of new ones), automatic resolution once a condition
 * has been quiet for a while, and acknowledgement with who and when.
 */
import type { Alert } from '../../../shared/domain/alert';
import type { Mention } from '../../../shared/domain/mention';
import type { SourceHealth } from '../../../shared/domain/source';
import { sourceFreshness } from '../../../shared/logic/freshness';
import { MINUTE_MS } from '../../../shared/logic/time';
import type { Logger } from '../app/core-api';
import type { Store } from '../store/store';
import { DEFAULT_SURGE, detectInfluencerComplaints, detectNegativeSurge, detectVolumeSpike, type Firing } from './detectors';

/** A surge alert resolves itself after this long without firing again. */
export const QUIET_BEFORE_RESOLVE_MS = 5 * MINUTE_MS;
/** An influencer alert stays open this long after the author's last negative post. */
export const INFLUENCER_ALERT_TTL_MS = 2 * 60 * MINUTE_MS;

export class AlertService {
  private readonly listeners = new Set<(alerts: Alert[]) => void>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  onChange(listener: (alerts: Alert[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(): Alert[] {
    return this.store.alerts.open();
  }

  /** Checks freshly stored mentions for per-mention rules. */
  checkMentions(mentions: readonly Mention[]): void {
    const firings = detectInfluencerComplaints(mentions);
    if (firings.length === 0) return;
    const at = this.now();
    const changed = this.store.transaction(() => firings.map((f) => this.apply(f, at)).some(Boolean));
    if (changed) this.emit();
  }

  /** Re-runs the window rules and the source rules; resolves what has gone quiet. */
  evaluate(sources: readonly SourceHealth[]): void {
    const at = this.now();
    const windowMs = (DEFAULT_SURGE.recentMinutes + DEFAULT_SURGE.baselineMinutes) * MINUTE_MS;
    const buckets = this.store.volume.range(at - windowMs, at);
    const firings: Firing[] = [];
    const surge = detectNegativeSurge(buckets, at);
    if (surge) firings.push(surge);
    const spike = detectVolumeSpike(buckets, at);
    if (spike) firings.push(spike);
    for (const source of sources) {
      const freshness = sourceFreshness(source, at);
      if (freshness !== 'failing' && freshness !== 'stale') continue;
      firings.push({
        kind: 'source-down',
        severity: 'warning',
        dedupeKey: `source-down:${source.id}`,
        title: `Source ${freshness === 'failing' ? 'failing' : 'stale'}: ${source.name}`,
        detail: freshness === 'failing'
          ? `${source.name} fails: ${source.lastError ?? 'unknown error'}`
          : `${source.name} has delivered nothing since ${source.lastSuccessAt === null ? 'it started' : new Date(source.lastSuccessAt).toISOString()}.`,
        evidence: [],
      });
    }
    const firingKeys = new Set(firings.map((f) => f.dedupeKey));
    const healthySources = new Set(sources.filter((s) => !firingKeys.has(`source-down:${s.id}`)).map((s) => `source-down:${s.id}`));
    const changed = this.store.transaction(() => {
      let any = firings.map((f) => this.apply(f, at)).some(Boolean);
      for (const alert of this.store.alerts.open()) {
        const key = alert.dedupeKey;
        const quietFor = at - alert.updatedAt;
        const resolve =
          (alert.kind === 'source-down' && healthySources.has(key)) ||
          ((alert.kind === 'negative-surge' || alert.kind === 'volume-spike') && !firingKeys.has(key) && quietFor >= QUIET_BEFORE_RESOLVE_MS) ||
          (alert.kind === 'influencer-complaint' && quietFor >= INFLUENCER_ALERT_TTL_MS);
        if (resolve && this.store.alerts.resolve(alert.id, at)) any = true;
      }
      return any;
    });
    if (changed) this.emit();
  }

  acknowledge(id: number, by: string): Alert | null {
    const alert = this.store.alerts.get(id);
    if (!alert) return null;
    if (this.store.alerts.acknowledge(id, by, this.now())) {
      this.logger.info('alert acknowledged', { id, by });
      this.emit();
    }
    return this.store.alerts.get(id);
  }

  /** Opens or refreshes the alert for a firing; true when something visible changed. */
  private apply(firing: Firing, at: number): boolean {
    const existing = this.store.alerts.openByKey(firing.dedupeKey);
    const record = { ...firing, at };
    if (!existing) {
      const id = this.store.alerts.insert(record);
      this.logger.info('alert opened', { id, kind: firing.kind, title: firing.title });
      return true;
    }
    const evidence = [...new Set([...firing.evidence, ...existing.evidence])].slice(0, 20);
    this.store.alerts.refresh(existing.id, { ...record, evidence });
    return existing.detail !== firing.detail || existing.severity !== firing.severity;
  }

  private emit(): void {
    const alerts = this.open();
    for (const listener of this.listeners) listener(alerts);
  }
}
