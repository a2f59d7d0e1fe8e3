/**
 * Per topic (and for "all mentions"): are posts flagged as spam or coordinated left out of alert
 * counts and baselines? Left out by default; the setting lists the scopes that keep them.
 */
import { z } from 'zod';
import type { Store } from '../store/store';

const KEY = 'signals.spamKeptIn';
/** Topic ids, and "all" for the all-mentions scope. */
const keptInSchema = z.array(z.union([z.number().int().positive(), z.literal('all')])).max(10_000);

function keptIn(store: Store): Array<number | 'all'> {
  const parsed = keptInSchema.safeParse(store.settings.get(KEY) ?? []);
  return parsed.success ? parsed.data : [];
}

export function spamExcluded(store: Store, topicId: number | null): boolean {
  return !keptIn(store).includes(topicId ?? 'all');
}

export function setSpamExcluded(store: Store, topicId: number | null, excluded: boolean): void {
  const scope = topicId ?? 'all';
  const rest = keptIn(store).filter((s) => s !== scope);
  store.settings.set(KEY, excluded ? rest : [...rest, scope]);
}
