/**
 * The outbound allowlist as stored (settings table, key `outbound.allowlist`): read with the
 * policy it makes, and saved only when every line is valid, so the list an admin sees is the list
 * in force.
 */
import { z } from 'zod';
import { parseAllowlist } from '@shared/logic/outbound-allowlist';
import type { Store } from '../store/store';
import { OutboundPolicy } from './outbound-policy';

export const OUTBOUND_SETTING_KEY = 'outbound.allowlist';

const storedSchema = z.object({ hosts: z.array(z.string().max(300)).max(1000) });

export class OutboundValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`the outbound allowlist was not saved: ${problems.join('; ')}`);
    this.name = 'OutboundValidationError';
  }
}

export class OutboundSettings {
  private cached: { raw: unknown; policy: OutboundPolicy } | null = null;

  constructor(private readonly store: Store) {}

  /** The saved entries, as the admin wrote them (normalised). */
  hosts(): string[] {
    const parsed = storedSchema.safeParse(this.store.settings.get(OUTBOUND_SETTING_KEY));
    return parsed.success ? parsed.data.hosts : [];
  }

  /** The policy in force; re-read when the stored list changes. */
  policy(): OutboundPolicy {
    const raw = this.store.settings.get(OUTBOUND_SETTING_KEY);
    if (this.cached && JSON.stringify(this.cached.raw) === JSON.stringify(raw)) return this.cached.policy;
    const policy = OutboundPolicy.fromLines(this.hosts());
    this.cached = { raw, policy };
    return policy;
  }

  /** Replaces the list; throws OutboundValidationError naming each bad line. */
  save(lines: readonly string[]): string[] {
    const { entries, errors } = parseAllowlist(lines);
    if (errors.length > 0) throw new OutboundValidationError(errors);
    const hosts = entries.map((e) => e.value);
    this.store.settings.set(OUTBOUND_SETTING_KEY, { hosts });
    return hosts;
  }

  /** Adds entries to the saved list (start-up's EARSHOT_OUTBOUND_ALLOW); keeps what is there. */
  add(lines: readonly string[]): string[] {
    return this.save([...this.hosts(), ...lines]);
  }
}
