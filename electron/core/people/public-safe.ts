/**
 * A wall paired with a public-screen-safe display (a lobby, a screen cameras can see) receives no
 * personal data at all: the page masks what it shows, but the answers and pushes it gets must not
 * carry handles, names, links or phone numbers either (its browser's memory is on public view too).
 */
import type { ApiMethod } from '@shared/contract/api';
import type { Mention } from '@shared/domain/mention';
import type { SpikeSummary } from '@shared/domain/story';
import type { TrendingTerm } from '@shared/domain/trends';
import type { TopAuthor } from '@shared/domain/volume';
import { MASK, maskPersonalData } from '@shared/logic/walls/mask-personal-data';

function maskMention(m: Mention): Mention {
  return { ...m, text: maskPersonalData(m.text), url: null, authorHandle: MASK.handle, authorName: null, replyTo: null, externalId: '' };
}

function maskAuthor(a: TopAuthor): TopAuthor {
  return { ...a, handle: MASK.handle, name: null };
}

type WithMentions = { mentions: Mention[] };
type WithAuthors = { authors: TopAuthor[] };

/** The answer as a public-safe wall may see it. */
export function publicSafeResult(method: ApiMethod, result: unknown): unknown {
  switch (method) {
    case 'mentions.recent':
    case 'review.mentions': {
      const r = result as WithMentions;
      return { ...r, mentions: r.mentions.map(maskMention) };
    }
    case 'authors.top':
    case 'review.authorsTop': {
      const r = result as WithAuthors;
      return { ...r, authors: r.authors.map(maskAuthor) };
    }
    case 'trends.terms':
    case 'review.trends': {
      // A term that is itself personal data (a handle, a phone number) is left out, as the page does.
      const r = result as { terms: TrendingTerm[] };
      return { ...r, terms: r.terms.filter((t) => maskPersonalData(t.term) === t.term) };
    }
    case 'stories.spike': {
      // The story texts, the authors by reach and the summary paragraph all name people.
      const r = result as SpikeSummary;
      return {
        ...r,
        stories: r.stories.map((story) => ({ ...story, firstText: maskPersonalData(story.firstText), firstAuthor: MASK.handle })),
        authors: r.authors.map((author) => ({ ...author, handle: MASK.handle })),
        text: maskPersonalData(r.text),
      };
    }
    default:
      return result;
  }
}

/** Whether a push frame carries personal data (cheap: the hub serialises pushes in this order). */
export function pushNeedsMasking(frame: string): boolean {
  return frame.startsWith('{"t":"evt","topic":"mentions.new"') || frame.startsWith('{"t":"evt","topic":"authors.top"');
}

/** A push frame as a public-safe wall may see it (frames of other topics pass unchanged). */
export function publicSafeFrame(frame: string): string {
  if (!pushNeedsMasking(frame)) return frame;
  const parsed = JSON.parse(frame) as { t: 'evt'; topic: string; payload: WithMentions | WithAuthors };
  const payload =
    parsed.topic === 'mentions.new'
      ? { ...parsed.payload, mentions: (parsed.payload as WithMentions).mentions.map(maskMention) }
      : { ...parsed.payload, authors: (parsed.payload as WithAuthors).authors.map(maskAuthor) };
  return JSON.stringify({ ...parsed, payload });
}
