/**
 * HTML entities are decoded once, at each source's mapping, for the sources whose text carries
 * them (X, Reddit, imported exports), and never for text that is already plain or decoded from
 * HTML (Bluesky, Mastodon): "&amp;" never reaches the inbox, and what an author typed stays.
 */
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '@shared/logic/text/entities';
import { mapXPost } from '../../../../electron/core/sources/x/map-tweet';
import { mapRedditPost } from '../../../../electron/core/sources/reddit/map-post';
import { mapBlueskyPost } from '../../../../electron/core/sources/bluesky/map-post';
import { mapMastodonStatus } from '../../../../electron/core/sources/mastodon/map-status';
import { mapRecord } from '../../../../electron/core/sources/import/mention-mapping';

describe('decodeEntities', () => {
  it('decodes named and numeric entities in one pass', () => {
    expect(decodeEntities('Flights &amp; hotels &lt;3 &quot;ok&quot; &#39;yes&#39; &#x1F600; caf&eacute;')).toBe(
      'Flights & hotels <3 "ok" \'yes\' 😀 caf&eacute;',
    );
    expect(decodeEntities('I typed &amp;lt; literally')).toBe('I typed &lt; literally');
    expect(decodeEntities('&#xD800; &#99999999; &toString; &constructor;')).toBe('&#xD800; &#99999999; &toString; &constructor;');
  });
});

describe('per platform, at the mapping', () => {
  it('X: the API escapes &, < and >', () => {
    const m = mapXPost({
      tweet: { id: '1890000000000000001', text: '@united lost my bag &amp; no one answers &gt;:(', created_at: '2026-12-01T10:00:00.000Z', author_id: '9' },
      author: { id: '9', username: 'maria', name: 'Maria' },
    } as never);
    expect(m?.text).toBe('@united lost my bag & no one answers >:(');
  });
  it('Reddit: titles and self text are escaped in the JSON', () => {
    const m = mapRedditPost({
      kind: 't3',
      data: {
        name: 't3_abc',
        id: 'abc',
        author: 'someone',
        title: 'Kestrel &amp; BT compared',
        selftext: 'Speed &lt; 5 Mbit',
        created_utc: 1_764_000_000,
        permalink: '/r/uk/comments/abc/x/',
      },
    } as never);
    expect(m?.text).toBe('Kestrel & BT compared\nSpeed < 5 Mbit');
  });
  it('an import of exported tweets (the airline CSV keeps "&amp;")', () => {
    const fields: Record<string, unknown> = {
      text: '@SouthwestAir SHES a HUGE FAN &amp; would love to go',
      author: 'fan',
      time: '2015-02-24 11:35:52 -0800',
      id: '570306133677760513',
    };
    const mapped = mapRecord((f) => fields[f], { defaultPlatform: 'x', defaultTime: null, now: Date.UTC(2026, 0, 1) });
    expect(mapped.ok && mapped.mention.text).toBe('@SouthwestAir SHES a HUGE FAN & would love to go');
  });
  it('Bluesky: text is plain, so a typed "&amp;" stays as written', () => {
    const m = mapBlueskyPost({
      uri: 'at://did:plc:abc/app.bsky.feed.post/3k',
      cid: 'c',
      author: { did: 'did:plc:abc', handle: 'amira.bsky.social' },
      record: { $type: 'app.bsky.feed.post', text: 'HTML tip: write &amp; for &', createdAt: '2026-12-01T10:00:00.000Z' },
      indexedAt: '2026-12-01T10:00:01.000Z',
    } as never);
    expect(m?.text).toBe('HTML tip: write &amp; for &');
  });
  it('Mastodon: content is HTML, decoded once by the HTML parser', () => {
    const m = mapMastodonStatus(
      {
        id: '113500000000000001',
        created_at: '2026-12-01T10:00:00.000Z',
        visibility: 'public',
        content: '<p>Fibre &amp; 5G, and I typed &amp;amp; here</p>',
        account: { acct: 'maria', username: 'maria' },
      } as never,
      'mastodon.test',
    );
    expect(m?.text).toBe('Fibre & 5G, and I typed &amp; here');
  });
});
