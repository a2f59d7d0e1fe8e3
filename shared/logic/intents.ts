/**
 * Applies intent rules to a text. Rules are compiled once (one regular expression per rule) and
 * then cost one regex test each per mention.
 */
import type { Intent, IntentRule } from '../domain/intents';
import type { MentionSentiment } from '../domain/mention';

export interface CompiledIntentRule {
  rule: IntentRule;
  pattern: RegExp | null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation per rule; word boundaries that work for any script (lookarounds on letters). */
export function compileIntentRules(rules: readonly IntentRule[]): CompiledIntentRule[] {
  return rules
    .filter((r) => r.enabled)
    .map((rule) => {
      if (rule.phrases.length === 0) return { rule, pattern: null };
      const parts = rule.phrases.map((p) => {
        const wildcard = p.endsWith('*');
        const body = escape((wildcard ? p.slice(0, -1) : p).trim().toLowerCase().replace(/’/g, "'")).replace(/\s+/g, '\\s+');
        return wildcard ? `${body}[\\p{L}\\p{N}'-]*` : body;
      });
      return { rule, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{N}])`, 'iu') };
    });
}

export interface IntentMatch {
  intent: Intent;
  ruleId: string;
  /** The phrase text that matched, when the rule has phrases. */
  matched: string | null;
}

/** Every rule that fires (in rule order); `intents` are their distinct intents. */
export function matchIntents(
  compiled: readonly CompiledIntentRule[],
  text: string,
  sentiment: MentionSentiment,
): { intents: Intent[]; matches: IntentMatch[] } {
  const lowered = text.replace(/’/g, "'");
  const matches: IntentMatch[] = [];
  const intents: Intent[] = [];
  for (const { rule, pattern } of compiled) {
    if (rule.sentiment !== null && rule.sentiment !== sentiment) continue;
    if (rule.needsQuestionMark && !lowered.includes('?') && !lowered.includes('？')) continue;
    let matched: string | null = null;
    if (pattern) {
      const m = pattern.exec(lowered);
      if (!m) continue;
      matched = m[0];
    }
    matches.push({ intent: rule.intent, ruleId: rule.id, matched });
    if (!intents.includes(rule.intent)) intents.push(rule.intent);
  }
  return { intents, matches };
}
