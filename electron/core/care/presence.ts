/**
 * Who is viewing or writing in which conversation, kept in memory only: windows refresh their
 * entry, and entries of windows that went quiet expire.
 */
import { PRESENCE_TTL_MS, type PresenceEntry } from '@shared/domain/care';
import { publishCare, requireConversation, type CareContext } from './care-context';

export class CarePresence {
  private readonly presenceByConversation = new Map<number, Map<string, PresenceEntry>>();
  private sweep: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly ctx: CareContext) {}

  /** Starts expiring presence entries of windows that went quiet. */
  start(): void {
    this.sweep ??= setInterval(() => this.expirePresence(), 5_000);
    this.sweep.unref?.();
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
  }

  setPresence(id: number, agent: string, activity: PresenceEntry['activity'] | null): PresenceEntry[] {
    requireConversation(this.ctx.store, id);
    let map = this.presenceByConversation.get(id);
    if (activity === null) {
      map?.delete(agent);
      if (map && map.size === 0) this.presenceByConversation.delete(id);
    } else {
      if (!map) this.presenceByConversation.set(id, (map = new Map()));
      // One conversation per agent at a time: viewing another one leaves the previous.
      for (const [other, entries] of this.presenceByConversation) {
        if (other !== id && entries.delete(agent) && entries.size === 0) this.presenceByConversation.delete(other);
      }
      map.set(agent, { conversationId: id, agent, activity, at: this.ctx.now() });
    }
    const entries = this.presence();
    publishCare(this.ctx.hub, 'care.presence', { entries });
    return entries;
  }

  presence(): PresenceEntry[] {
    return [...this.presenceByConversation.values()].flatMap((m) => [...m.values()]);
  }

  expirePresence(): void {
    const cutoff = this.ctx.now() - PRESENCE_TTL_MS;
    let changed = false;
    for (const [id, map] of this.presenceByConversation) {
      for (const [agent, entry] of map) {
        if (entry.at < cutoff) {
          map.delete(agent);
          changed = true;
        }
      }
      if (map.size === 0) this.presenceByConversation.delete(id);
    }
    if (changed) publishCare(this.ctx.hub, 'care.presence', { entries: this.presence() });
  }
}
