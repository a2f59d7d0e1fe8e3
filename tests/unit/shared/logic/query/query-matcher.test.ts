/**
 * What a query matches: case- and diacritic-insensitive words, phrases, NEAR distances in either
 * order, wildcards, hashtags, handles and every field, on realistic and hostile text.
 */
import { describe, expect, it } from 'vitest';
import { compileQuery, parseQuery, prepareDocument, type MatchableMention } from '@shared/logic/query';

const base: MatchableMention = { text: '', authorHandle: 'ben_khan12', lang: 'en', sourceId: 'demo', url: null, platform: 'x' };

function matches(query: string, text: string, patch: Partial<MatchableMention> = {}): boolean {
  return compileQuery(parseQuery(query))(prepareDocument({ ...base, text, ...patch }));
}

describe('words and phrases', () => {
  it.each<[string, string, boolean]>([
    ['kestrel', 'Kestrel Mobile is down', true],
    ['kestrel', 'KESTREL!!', true],
    ['kestrel', 'kestrels everywhere', false],
    ['kestrel', '#Kestrel trending', true],
    ['kestrel', 'the kestrelmobile app', false],
    ['cafe', 'Great coverage at the Café in Leeds', true],
    ['café', 'cafe wifi is slow', true],
    ['CAFÉ', 'CAFE', true],
    ['ｋｅｓｔｒｅｌ', 'kestrel', true],
    ['kestrel', 'ｋｅｓｔｒｅｌ ５G', true],
    ['"no signal"', '@KestrelMobile no signal for 3 hours', true],
    ['"no signal"', 'no, signal is fine', true],
    ['"no signal"', 'signal no more', false],
    ['"no signal"', 'no mobile signal', false],
    ['wi-fi', 'the Wi Fi keeps dropping', true],
    ['wi-fi', 'wifi keeps dropping', false],
    ['5g', 'Kestrel 5G rollout', true],
    ['straße', 'STRASSE', false],
    ['naïve', 'so naive', true],
  ])('%s in %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('implicit AND, OR, NOT and exclusion', () => {
    const q = 'kestrel* AND (outage OR "no signal") -"fixed now"';
    expect(matches(q, '@KestrelMobile outage again?? I work from home')).toBe(true);
    expect(matches(q, 'Kestrel 5G: no signal in Leeds')).toBe(true);
    expect(matches(q, 'Kestrel outage fixed now, thanks')).toBe(false);
    expect(matches(q, 'Vodafone outage in Leeds')).toBe(false);
    expect(matches(q, 'Kestrel is great')).toBe(false);
    expect(matches('apple pie OR cake', 'cake')).toBe(true);
    expect(matches('apple pie OR cake', 'apple crumble')).toBe(false);
    expect(matches('apple pie OR cake', 'pie made of apple')).toBe(true);
  });
});

describe('NEAR/n: at most n other words between, either order', () => {
  it.each<[string, string, boolean]>([
    ['refund NEAR/0 bill', 'refund bill', true],
    ['refund NEAR/0 bill', 'bill refund', true],
    ['refund NEAR/0 bill', 'refund my bill', false],
    ['refund NEAR/1 bill', 'refund my bill', true],
    ['refund NEAR/2 bill', 'the bill, I want a refund', false],
    ['refund NEAR/3 bill', 'the bill, I want a refund', true],
    ['refund NEAR/3 bill', 'bill one two three four refund', false],
    ['refund NEAR/4 bill', 'bill one two three four refund', true],
    ['"no signal" NEAR/2 leeds', 'no signal at all in Leeds', false],
    ['"no signal" NEAR/3 leeds', 'no signal at all in Leeds', true],
    ['"no signal" NEAR/1 "whole street"', 'my whole street has no signal', true],
    ['"no signal" NEAR/0 "whole street"', 'my whole street has no signal', false],
    ['refund* NEAR/2 bill', 'refunded the bill', true],
    ['(refund OR money) NEAR/1 back', 'I want my money back', true],
    ['(refund OR money) NEAR/1 (back OR returned)', 'refund not returned', true],
    ['outage NEAR/5 outage', 'outage', false],
    ['outage NEAR/5 outage', 'outage then another outage', true],
    ['kestrel NEAR/2 down', 'Kestrel is down', true],
  ])('%s in %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });
});

describe('wildcards', () => {
  it.each<[string, string, boolean]>([
    ['refund*', 'Refunds please', true],
    ['refund*', 'refund', true],
    ['refund*', 'a partial-refund', true],
    ['refund*', 'prerefund', false],
    ['kestrel*', '@KestrelMobile help', true],
    ['"kestrel mob"', 'kestrel mobile', false],
    ['wi-fir*', 'wi firmware', true],
  ])('%s in %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });
});

describe('hashtags and handles', () => {
  it.each<[string, string, Partial<MatchableMention>, boolean]>([
    ['#KestrelDown', 'Nothing works #kestreldown', {}, true],
    ['#KestrelDown', 'kestreldown is a word here', {}, false],
    ['#KestrelDown', 'Nothing works #KestrelDownAgain', {}, false],
    ['#kestrel*', 'Nothing works #KestrelDownAgain', {}, true],
    ['#Kestrel_Down', 'so #kestrel_down', {}, true],
    ['kestreldown', 'Nothing works #KestrelDown', {}, true],
    ['@KestrelMobile', 'thanks @KestrelMobile.', {}, true],
    ['@KestrelMobile', 'thanks @kestrelmobile!', {}, true],
    ['@KestrelMobile', 'mail me at help@kestrelmobile.com', {}, false],
    ['@KestrelMobile', 'no mention here', { authorHandle: 'KestrelMobile' }, true],
    ['@KestrelMobile', 'no mention here', { authorHandle: '@kestrelmobile' }, true],
    ['@ben', 'hello', { authorHandle: 'ben@mastodon.social' }, true],
    ['@ben', 'cc @ben@mastodon.social please', {}, true],
    ['@ben@mastodon.social', 'cc @ben@mastodon.social please', {}, true],
    ['@ben@mastodon.social', 'cc @ben please', {}, false],
    ['@alice.bsky.social', 'ping @alice.bsky.social.', {}, true],
    ['@KestrelMobile', 'ping @KestrelMobileHelp', {}, false],
  ])('%s in %j (%j) → %s', (query, text, patch, expected) => {
    expect(matches(query, text, patch)).toBe(expected);
  });
});

describe('fields', () => {
  it.each<[string, Partial<MatchableMention>, boolean]>([
    ['author:ben_khan12', {}, true],
    ['author:BEN_KHAN12', {}, true],
    ['author:ben*', {}, true],
    ['author:ben', {}, false],
    ['author:ben', { authorHandle: 'ben@mastodon.social' }, true],
    ['lang:en', { lang: 'en' }, true],
    ['lang:en', { lang: 'en-GB' }, true],
    ['lang:en', { lang: 'EN_us' }, true],
    ['lang:en-gb', { lang: 'en-US' }, false],
    ['lang:en', { lang: 'eng' }, false],
    ['lang:en', { lang: null }, false],
    ['source:demo', {}, true],
    ['source:dem*', {}, true],
    ['source:mastodon-1', {}, false],
    ['site:example.com', { url: 'https://example.com/a' }, true],
    ['site:example.com', { url: 'https://news.example.com/a' }, true],
    ['site:example.com', { url: 'https://notexample.com/a' }, false],
    ['site:example.com', { url: 'https://example.com.evil.io/a' }, false],
    ['site:example.com', { url: 'https://user@EXAMPLE.com:8443/a' }, true],
    ['site:example.com', { url: null }, false],
    ['platform:x', {}, true],
    ['platform:reddit', {}, false],
  ])('%s with %j → %s', (query, patch, expected) => {
    expect(matches(query, 'any text', patch)).toBe(expected);
  });

  it('combines fields with words', () => {
    const q = '(outage OR down) platform:x -author:kestrelmobile lang:en';
    expect(matches(q, 'total outage')).toBe(true);
    expect(matches(q, 'total outage', { authorHandle: 'KestrelMobile' })).toBe(false);
    expect(matches(q, 'total outage', { platform: 'reddit' })).toBe(false);
    expect(matches(q, 'total outage', { lang: 'fr' })).toBe(false);
  });
});

describe('unicode: CJK, emoji, hostile text', () => {
  it.each<[string, string, boolean]>([
    ['手机', '我的iPhone手机坏了', true],
    ['iphone', '我的iPhone手机坏了', true],
    ['手机 NEAR/0 坏了', '我的手机坏了', true],
    ['手机', '手表坏了', false],
    ['ケストレル', 'ケストレルの電波がない', true],
    ['🔥', 'so 🔥🔥 today', true],
    ['🔥', 'so hot today', false],
    ['"kestrel 😡"', 'Sort it out @KestrelMobile kestrel 😡 #KestrelDown', true],
    ['kestrel', 'k\u0301estrel', true],
    ['kestrel', '\uD800 kestrel \uDFFF', true],
    ['kestrel', 'kes\u200Btrel', false],
    ['kestrel', `${'a '.repeat(5_000)}kestrel`, true],
    ['ΟΔΟΣ', 'ο δρόμος και η οδος', true],
    ['οδός', 'ΟΔΟΣ', true],
    ['#KestrelDown', 'nothing works😡#KestrelDown', true],
    ['#39', 'it&#39;s down', false],
    ['@KestrelMobile', '👋@KestrelMobile', true],
    ['straße', 'Straße', true],
  ])('%s in %j → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
  });

  it('survives text that is only symbols, only emoji, or empty', () => {
    for (const text of ['', '!!!', '😀😀😀', '\u0000\u0001', '\u202E\u202D', '#', '@', '@@@', '####']) {
      expect(matches('kestrel OR #x OR @y', text)).toBe(false);
    }
  });
});
