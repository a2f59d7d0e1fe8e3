/**
 * Routing: the first enabled rule (by position) whose every given condition matches a new
 * conversation picks an agent of its team: round-robin (the next agent after the last one it
 * picked), least-load (the fewest open conversations, ties by name) or the team's lead (for VIP
 * and influencer conversations). Round-robin and least-load pick among the team's agents (role
 * 'agent'). Agents who are inactive or at capacity are skipped; when nobody
 * qualifies the conversation stays unassigned in the queue.
 */
import type { Agent, RoutingMatch, RoutingRule } from '../../domain/care';
import type { MentionSentiment } from '../../domain/mention';

export interface RoutableConversation {
  topicIds: readonly number[];
  intents: readonly string[];
  lang: string | null;
  segment: string | null;
  clout: number;
  sentiment: MentionSentiment;
}

export function ruleMatches(match: RoutingMatch, c: RoutableConversation): boolean {
  if (match.topicIds && match.topicIds.length > 0 && !match.topicIds.some((id) => c.topicIds.includes(id))) return false;
  if (match.intents && match.intents.length > 0 && !match.intents.some((i) => c.intents.includes(i))) return false;
  if (match.languages && match.languages.length > 0 && !(c.lang !== null && match.languages.some((l) => sameLanguage(l, c.lang!)))) return false;
  if (match.segments && match.segments.length > 0 && !(c.segment !== null && match.segments.includes(c.segment))) return false;
  if (match.minClout !== undefined && c.clout < match.minClout) return false;
  if (match.sentiments && match.sentiments.length > 0 && !match.sentiments.includes(c.sentiment)) return false;
  return true;
}

/** "en" matches "en-GB" and the other way round. */
function sameLanguage(a: string, b: string): boolean {
  const x = a.toLowerCase().split('-')[0];
  const y = b.toLowerCase().split('-')[0];
  return x === y;
}

export interface RoutingDecision {
  ruleId: number;
  agent: string | null;
  teamId: number;
  /** Why nobody was picked, when `agent` is null. */
  reason: string;
}

export function route(
  c: RoutableConversation,
  rules: readonly RoutingRule[],
  agents: readonly Agent[],
  lastPicked: (ruleId: number) => string | null,
): RoutingDecision | null {
  const rule = [...rules]
    .filter((r) => r.enabled)
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .find((r) => ruleMatches(r.match, c));
  if (!rule) return null;
  const team = agents.filter((a) => a.teamId === rule.teamId && a.active);
  const available = team.filter((a) => a.load < a.capacity);
  const base = { ruleId: rule.id, teamId: rule.teamId };
  if (rule.strategy === 'lead') {
    const leads = available.filter((a) => a.role === 'lead').sort(byLoadThenName);
    return leads[0]
      ? { ...base, agent: leads[0].name, reason: `rule "${rule.name}": to a lead` }
      : { ...base, agent: null, reason: `rule "${rule.name}": no lead available` };
  }
  // Leads get conversations through the 'lead' strategy and escalations; reviewers only through escalations.
  const pool = available.filter((a) => a.role === 'agent');
  if (pool.length === 0) return { ...base, agent: null, reason: `rule "${rule.name}": every agent of the team is at capacity or away` };
  if (rule.strategy === 'least-load') {
    const agent = [...pool].sort(byLoadThenName)[0]!;
    return { ...base, agent: agent.name, reason: `rule "${rule.name}": least load (${agent.load}/${agent.capacity})` };
  }
  const byName = [...pool].sort((a, b) => a.name.localeCompare(b.name));
  const last = lastPicked(rule.id);
  const next = last === null ? byName[0]! : (byName.find((a) => a.name.localeCompare(last) > 0) ?? byName[0]!);
  return { ...base, agent: next.name, reason: `rule "${rule.name}": round-robin` };
}

function byLoadThenName(a: Agent, b: Agent): number {
  return a.load - b.load || a.name.localeCompare(b.name);
}
