/**
 * Intent rules are data: a list of named rules, each tagging a mention with one intent when its
 * conditions hold. Earshot ships defaults; a workspace stores its own edited copy
 * (`intents.rules.get/set`). The schema is shared so the settings form validates exactly as the core does.
 */
import { z } from 'zod';

export const INTENTS = ['complaint', 'question', 'praise', 'purchase-intent', 'hidden-call-for-help', 'crisis'] as const;
export type Intent = (typeof INTENTS)[number];

export const INTENT_DESCRIPTIONS: Record<Intent, string> = {
  complaint: 'something went wrong and the author is unhappy about it',
  question: 'the author asks something',
  praise: 'thanks, compliments, recommendations',
  'purchase-intent': 'thinking of buying, switching or upgrading',
  'hidden-call-for-help': 'a problem told to the world, not asked of the brand ("anyone else…", "still not working")',
  crisis: 'vocabulary of a brewing crisis: boycott, lawsuit, safety, outage',
};

/**
 * A phrase is matched case-insensitively on word boundaries; a trailing `*` matches any word
 * ending ("cancel*" matches cancelled, cancellation). Letters, digits, spaces, `#`, `'`, `-` only.
 */
export const intentPhraseSchema = z
  .string()
  .trim()
  .min(2, 'a phrase needs at least 2 characters')
  .max(60, 'a phrase is at most 60 characters')
  .regex(/^[\p{L}\p{N}#'’ -]+\*?$/u, "a phrase may hold letters, digits, spaces, #, ' and -, and end with *");

export const intentRuleSchema = z
  .object({
    /** Stable id, unique in the list. */
    id: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9-]+$/, 'an id is lower-case letters, digits and -'),
    intent: z.enum(INTENTS),
    enabled: z.boolean(),
    /** Any one of these phrases (empty: no phrase condition). */
    phrases: z.array(intentPhraseSchema).max(200),
    /** Only when the mention's sentiment is this. */
    sentiment: z.enum(['negative', 'neutral', 'positive']).nullable(),
    /** Only when the text asks a question ("?"). */
    needsQuestionMark: z.boolean(),
  })
  .strict()
  .refine((r) => r.phrases.length > 0 || r.sentiment !== null || r.needsQuestionMark, {
    message: 'a rule needs at least one condition: phrases, a sentiment or a question mark',
    path: ['phrases'],
  });

export type IntentRule = z.infer<typeof intentRuleSchema>;

export const intentRulesSchema = z
  .array(intentRuleSchema)
  .max(100)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id "${r.id}"`, path: [i, 'id'] });
      seen.add(r.id);
    });
  });

export const DEFAULT_INTENT_RULES: IntentRule[] = [
  {
    id: 'complaint-words',
    intent: 'complaint',
    enabled: true,
    phrases: [
      'worst',
      'terrible',
      'awful',
      'horrible',
      'unacceptable',
      'disappointed',
      'ridiculous',
      'delayed',
      'cancel*',
      'lost',
      'refund',
      'broken',
      'rude',
      'never again',
      'still waiting',
      'on hold',
      'overcharged',
      'not working',
      "doesn't work",
      'stranded',
      'outage',
      'fail*',
      'useless',
      'complain*',
    ],
    sentiment: 'negative',
    needsQuestionMark: false,
  },
  {
    id: 'complaint-negative-sure',
    intent: 'complaint',
    enabled: true,
    phrases: ['you', 'your', 'service', 'customer service', 'flight', 'order', 'app', 'support', 'hours', 'again'],
    sentiment: 'negative',
    needsQuestionMark: false,
  },
  {
    id: 'question-mark',
    intent: 'question',
    enabled: true,
    phrases: [],
    sentiment: null,
    needsQuestionMark: true,
  },
  {
    id: 'question-words',
    intent: 'question',
    enabled: true,
    phrases: [
      'how do i',
      'how can i',
      'can someone',
      'can you',
      'does anyone know',
      'is there a way',
      'when will',
      'what is the',
      'where is my',
      'any update',
      'any news',
    ],
    sentiment: null,
    needsQuestionMark: false,
  },
  {
    id: 'praise-words',
    intent: 'praise',
    enabled: true,
    phrases: [
      'thank*',
      'thx',
      'love',
      'great',
      'awesome',
      'amazing',
      'best',
      'kudos',
      'shout out',
      'shoutout',
      'well done',
      'appreciate*',
      'excellent',
      'fantastic',
      'recommend',
    ],
    sentiment: 'positive',
    needsQuestionMark: false,
  },
  {
    id: 'purchase-intent',
    intent: 'purchase-intent',
    enabled: true,
    phrases: [
      'thinking of switching',
      'thinking about switching',
      'switch to',
      'want to buy',
      'looking to buy',
      'where can i buy',
      'planning to buy',
      'should i get',
      'should i buy',
      'how much is',
      'how much does',
      'sign up for',
      'upgrade to',
      'considering',
      'take my money',
      'shut up and take',
      'book a flight',
      'want to book',
      'in the market for',
    ],
    sentiment: null,
    needsQuestionMark: false,
  },
  {
    id: 'hidden-call-for-help',
    intent: 'hidden-call-for-help',
    enabled: true,
    phrases: [
      'anyone else',
      'is it just me',
      'still not working',
      "can't log in",
      'cant log in',
      'cannot log in',
      "can't get through",
      'no one is answering',
      'nobody is answering',
      'no response',
      'been on hold',
      'been waiting',
      'going in circles',
      'at a loss',
      "don't know what to do",
      'please help',
      'help me',
      'stuck',
    ],
    sentiment: null,
    needsQuestionMark: false,
  },
  {
    id: 'crisis-vocabulary',
    intent: 'crisis',
    enabled: true,
    phrases: [
      'boycott*',
      'lawsuit',
      'sue',
      'suing',
      'class action',
      'lawyer*',
      'safety',
      'unsafe',
      'dangerous',
      'injur*',
      'recall',
      'outage',
      'data breach',
      'breach',
      'hacked',
      'leak*',
      'fire',
      'explosion',
      'emergency',
      'faa',
      'investigation',
      '#boycott*',
    ],
    sentiment: null,
    needsQuestionMark: false,
  },
];
