import { describe, expect, it } from 'vitest';
import { SOURCE_KIND_SPECS } from '@shared/contract/source-config';
import { SOURCE_KINDS, type SourceKind } from '@shared/domain/source';
import { createAdapter } from '../../../../../electron/core/sources/registry';

/** The smallest valid settings of each polling kind, as the settings form would send them. */
const MINIMAL: Record<string, object> = {
  feed: { url: 'https://example.com/feed.xml' },
  mastodon: { hashtag: 'KestrelDown' },
  bluesky: { query: 'kestrel' },
  reddit: { query: 'kestrel' },
  hackernews: { query: 'kestrel' },
  x: { query: 'kestrel', bearerToken: 'AAAAAAAAAAAAtoken' },
  youtube: { videoId: 'dQw4w9WgXcQ', apiKey: 'AIzaSyD-test-key' },
};
const KINDS = Object.keys(MINIMAL) as SourceKind[];

describe('source kind specs (the settings forms)', () => {
  it.each(KINDS)('%s: registered, its form fields are its settings, secrets are secret fields', (kind) => {
    expect(SOURCE_KINDS).toContain(kind);
    const spec = SOURCE_KIND_SPECS[kind]!;
    expect(spec.kind).toBe(kind);
    expect(spec.title.length).toBeGreaterThan(3);
    expect(spec.defaultIntervalMs).toBeGreaterThanOrEqual(60_000);
    const parsed = spec.schema.safeParse(MINIMAL[kind]);
    expect(parsed.success).toBe(true);
    const keys = Object.keys(parsed.data as object);
    for (const field of spec.fields) {
      // Every field belongs to the settings object (optional ones may be absent from the parsed minimum).
      expect(spec.schema.safeParse({ ...MINIMAL[kind], [field.key]: 12345 }).success, `${kind}.${field.key} is checked by the schema`).toBe(false);
    }
    for (const secret of spec.secretFields) {
      expect(spec.fields.find((f) => f.key === secret)?.type).toBe('secret');
    }
    expect(
      spec.fields
        .filter((f) => f.type === 'secret')
        .map((f) => f.key)
        .sort(),
    ).toEqual([...spec.secretFields].sort());
    // Every kind that talks to a platform can be pointed at another address (self-hosted, or a test server).
    expect(spec.fields.some((f) => f.type === 'url')).toBe(true);
    expect(keys.length).toBeGreaterThan(0);
  });

  it.each(KINDS)('%s: the registry builds its adapter from stored settings', (kind) => {
    const adapter = createAdapter({ id: `s-${kind}`, kind, config: JSON.stringify(MINIMAL[kind]) });
    expect(typeof adapter.poll).toBe('function');
  });

  it('unknown settings are refused by name (the forms cannot smuggle in extra keys)', () => {
    const result = SOURCE_KIND_SPECS.bluesky!.schema.safeParse({ query: 'k', extra: 1 });
    expect(result.success).toBe(false);
  });

  it('empty optional fields from a form mean "not set"', () => {
    const parsed = SOURCE_KIND_SPECS.reddit!.schema.parse({ query: 'kestrel', subreddit: '  ', clientId: '', clientSecret: '' }) as Record<string, unknown>;
    expect(parsed.subreddit).toBeUndefined();
    expect(parsed.clientId).toBeUndefined();
    expect(parsed.clientSecret).toBeUndefined();
    expect((SOURCE_KIND_SPECS.reddit!.schema.parse({ query: 'kestrel', subreddit: 'r/KestrelMobile' }) as Record<string, unknown>).subreddit).toBe(
      'KestrelMobile',
    );
  });
});
