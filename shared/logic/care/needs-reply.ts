/**
 * Does a post need a reply from the care team? Decided at ingest by rules an agent can read, in
 * the order below; the first that fires gives the answer and its reason:
 *
 * 1. the brand's own post (its handles: the reply accounts and the configured brand handles);
 * 2. what an agent taught about this author (a correction on one of their posts);
 * 3. a repost or retweet ("RT @…", a quoted "@x: …"), or a post the spam check flagged;
 * 4. a news or broadcast account (its handle or name says so, or a headline with a link and no
 *    one addressed);
 * 5. an ask: a question, a request for help, or the question intent;
 * 6. a complaint: the complaint or hidden-call-for-help intent, or negative sentiment;
 * 7. praise or thanks with no ask: the praise intent, positive sentiment, or thanks words;
 * 8. otherwise: a post that opens with an @handle and shares no link needs a reply, as a customer
 *    mid-conversation often writes a bare flight number; anything else is talk, not an ask.
 *
 * Between 4 and 5, a post that names neither the brand's handles nor its terms (a reply between
 * other people in a pile-on) is talk about the brand, not to it.
 *
 * The thresholds and word lists were tuned on the tuning half of the hand labels only (see
 * docs/inbox-triage.md for the held-out figures).
 */
import type { MentionSentiment } from '../../domain/mention';
import { normaliseHandle } from './grouping';

export const NO_REPLY_REASONS = ['own-post', 'repost', 'spam', 'news', 'praise', 'no-ask'] as const;
export type NoReplyReason = (typeof NO_REPLY_REASONS)[number];
export const REPLY_REASONS = ['question', 'complaint', 'addressed'] as const;
export type ReplyReason = (typeof REPLY_REASONS)[number];
/** Why a post is where it is: a rule's reason, or 'agent' / 'learned' when a person decided. */
export type TriageReason = NoReplyReason | ReplyReason | 'agent' | 'learned';

export const TRIAGE_REASON_LABELS: Record<TriageReason, string> = {
  'own-post': "the brand's own post",
  repost: 'a repost or retweet',
  spam: 'flagged as spam',
  news: 'a news or broadcast account',
  praise: 'praise or thanks with no question',
  'no-ask': 'talk about the brand, not addressed to it and asking nothing',
  question: 'asks a question or for help',
  complaint: 'a complaint or a problem',
  addressed: 'addressed to the brand or mid-conversation',
  agent: 'decided by an agent',
  learned: "taught by an agent's correction on this author",
};

export interface TriageInput {
  text: string;
  authorHandle: string;
  authorName: string | null;
  intents: readonly string[];
  sentiment: MentionSentiment;
  /** -1 … 1. */
  sentimentScore: number;
  spam?: boolean;
}

export interface TriageContext {
  /** The brand's own handles, normalised (no "@", lower case). */
  ownHandles: ReadonlySet<string>;
  /**
   * Other words that name the brand in text ("kestrel mobile"), lower case. With the handles they
   * tell a post about the brand from a reply between other people that does not name it.
   */
  brandTerms: readonly string[];
  /** What agents taught per author key ("platform:handle"), newest correction wins. */
  learned: ReadonlyMap<string, boolean>;
}

export interface TriageDecision {
  needsReply: boolean;
  reason: TriageReason;
}

// Broadcast accounts name themselves so: "JetBlueNews", "BritishAirNews", "The Daily Consumer".
const BROADCAST_NAME = /news|press|gazette|journal|daily|times\b|headlines|bulletin|media\b|radio|\btv\b|magazine|airport$/i;
// "RT @x: …", "via @x: …", and a quote of someone's post ("Very quick! TY. @united: @me sorry …").
const REPOST = /^(rt\s+@\w+)|(^|\s)(rt|via)\s+@\w+:|(^|\s)["“]?@\w+:\s/i;
// Said by a person writing about themselves: a broadcast-looking name with these is still a customer.
const FIRST_PERSON = /\b(i|i'm|i've|my|me|we|we're|our|us)\b/i;
// Strong enough to outweigh complaint words: thanks for something done, not sarcasm.
const STRONG_PRAISE = /\b(compliment|so (very )?helpful|took care of|thanks again|thank you so much|made my|top notch|deserves a raise)\b/i;
const ASK =
  /\?|\b(help|please|pls|plz|need to|need a|can you|could you|would you|how do i|how can i|anyone know|is there|what should|what do i|dm me|follow me|follow back|let me know)\b/i;
const THANKS =
  /\b(thank|thanks|thx|ty|grateful|kudos|shout ?out|appreciate|love|loving|amazing|awesome|great|excellent|best|wonderful|brilliant|fantastic|impressive|outstanding|mvp|luv|happy)\b|❤️|<3|😍|🙌|👍/i;
const COMPLAINT =
  /\b(not good enough|never|no one|nobody|still|again|wait(ing|ed)?|hold|lost|cancel\w*|delay\w*|late|stuck|stranded|missed|refund|charge\w*|fee|broken|crash\w*|down|no signal|no service|outage|fix|sort it|worst|useless|terrible|awful|ridiculous|unacceptable|rude|fail\w*|#\w*fail|disappoint\w*|frustrat\w*|joke|sucks?)\b/i;
// A hashtag that turns thanks into its opposite ("thank you for … #fail").
const SARCASM = /#\w*(fail|sucks?)\b/i;
const HEADLINE = /https?:\/\/\S+/i;

export function classifyNeedsReply(input: TriageInput, context: TriageContext, platform: string): TriageDecision {
  const handle = normaliseHandle(input.authorHandle);
  if (context.ownHandles.has(handle)) return { needsReply: false, reason: 'own-post' };
  const taught = context.learned.get(`${platform}:${handle}`);
  if (taught !== undefined) return { needsReply: taught, reason: 'learned' };
  const text = input.text.trim();
  if (REPOST.test(text)) return { needsReply: false, reason: 'repost' };
  if (input.spam) return { needsReply: false, reason: 'spam' };
  const asks = ASK.test(text) || input.intents.includes('question');
  if ((BROADCAST_NAME.test(handle) || BROADCAST_NAME.test(input.authorName ?? '')) && !asks && !FIRST_PERSON.test(text))
    return { needsReply: false, reason: 'news' };
  const addressed = /(^|\s)[.@]?@\w+/.test(text);
  if (!aboutBrand(text, context)) return { needsReply: false, reason: 'no-ask' };
  if (!addressed && HEADLINE.test(text) && !ASK.test(text)) return { needsReply: false, reason: 'news' };
  if (/\b(announces|launches|unveils|rolls out)\b/i.test(text) && !ASK.test(text)) return { needsReply: false, reason: 'news' };
  if (asks) return { needsReply: true, reason: 'question' };
  const praised = input.intents.includes('praise') || THANKS.test(text);
  if (STRONG_PRAISE.test(text) || (praised && input.sentiment === 'positive' && !SARCASM.test(text))) return { needsReply: false, reason: 'praise' };
  const complaint = input.intents.includes('complaint') || input.intents.includes('hidden-call-for-help') || COMPLAINT.test(text);
  if (complaint || (input.sentiment === 'negative' && input.sentimentScore <= -0.2)) return { needsReply: true, reason: 'complaint' };
  if (praised || input.sentiment === 'positive') return { needsReply: false, reason: 'praise' };
  // A neutral post with a link and nothing asked is a sighting or a share ("757 N33103 taxies … http…").
  return addressed && startsAddressed(text) && !HEADLINE.test(text) ? { needsReply: true, reason: 'addressed' } : { needsReply: false, reason: 'no-ask' };
}

/** Names the brand by handle or by name; with no brand configured every post counts as about it. */
function aboutBrand(text: string, context: TriageContext): boolean {
  if (context.ownHandles.size === 0 && context.brandTerms.length === 0) return true;
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(/@(\w+)/g)) if (context.ownHandles.has(m[1]!)) return true;
  return context.brandTerms.some((t) => lower.includes(t));
}

/** "@brand …" or ".@brand …": written to someone, the way customers open a service conversation. */
function startsAddressed(text: string): boolean {
  return /^[.]?@\w+/.test(text);
}
