/**
 * The fictional brand of the demo stream: Kestrel Mobile, a mobile and home-broadband operator.
 * Templates are written the way customers actually write to an operator: short, @-addressed,
 * hashtags, the occasional emoji.
 */
import type { Platform } from '@shared/domain/mention';
import { mulberry32, pick } from './random';

export const BRAND = { name: 'Kestrel Mobile', handle: 'KestrelMobile', crisisTag: '#KestrelDown' };

const PRODUCTS = ['Kestrel 5G', 'Kestrel Home Fibre', 'the Kestrel app', 'Unlimited Plus', 'the new SIM-only deal', 'Kestrel TV'];
const CITIES = ['Leeds', 'Bristol', 'Manchester', 'Glasgow', 'Cardiff', 'Norwich', 'Brighton', 'Belfast', 'York', 'Leicester'];

export const PRAISE = [
  'Loving the new {product} speeds, great job @{brand}',
  '@{brand} thanks for sorting my bill so quickly! Brilliant support',
  'Switched to {brand_name} last month and {product} has been excellent in {city}',
  'Shout out to the @{brand} agent who fixed my router in 5 minutes. Amazing 👍',
  'Honestly {product} is the best thing about moving to {city}',
  '@{brand} happy with the upgrade, thank you ❤️',
];
export const QUESTIONS = [
  '@{brand} how do I change my plan to {product}?',
  '@{brand} is there coverage for {product} in {city} yet?',
  'Anyone know if {brand_name} does student discounts on {product}?',
  '@{brand} when does the offer on {product} end?',
  '@{brand} can I keep my number if I move to {product}?',
];
export const NEUTRAL = [
  '{brand_name} announces {product} rollout in {city} next month',
  'Comparing {brand_name} and two others for {product}, will report back',
  'Just got my {brand_name} SIM in the post',
  'Review: {product} from {brand_name} after two weeks of use',
];
export const COMPLAINTS = [
  '@{brand} third time this week my {product} has dropped out. Not good enough',
  '@{brand} been on hold for 40 minutes, this is ridiculous',
  'Overcharged again by @{brand}. Want a refund',
  '@{brand} the app keeps crashing when I try to pay my bill 😤',
  '@{brand} engineer never showed up. Wasted a whole day off work',
];
/** The outage episode: the network is down and people are angry. */
export const OUTAGE = [
  '@{brand} no signal for {hours} hours, this is ridiculous {tag}',
  'Still no service in {city}. Absolutely useless @{brand} {tag}',
  'Is @{brand} down for everyone? Nothing works in {city} {tag}',
  '@{brand} outage again?? I work from home, this is unacceptable {tag}',
  '{tag} {hours} hours without internet and no update from @{brand}. Terrible',
  '@{brand} my whole street in {city} has no signal. Worst provider ever {tag}',
  'Paying for {product} and getting nothing. Sort it out @{brand} 😡 {tag}',
];
/** The influencer's complaint and the wave of agreement behind it. */
export const INFLUENCER_COMPLAINT = [
  'Three weeks of broken promises from @{brand}. My {product} still does not work, support is useless and keeps closing my tickets. Terrible. Avoid.',
];
export const PILE_ON = [
  '@{influencer} same here, @{brand} is awful',
  '@{influencer} exactly my experience with {brand_name}. Terrible support',
  'RT @{influencer}: Three weeks of broken promises from @{brand}',
  '@{influencer} @{brand} this is so bad, fix it',
  '@{influencer} left them last year for exactly this reason. Useless',
];

const PLATFORM_WEIGHTS: ReadonlyArray<[Platform, number]> = [
  ['x', 34],
  ['bluesky', 14],
  ['mastodon', 9],
  ['reddit', 12],
  ['instagram', 10],
  ['facebook', 6],
  ['reviews', 8],
  ['news', 4],
  ['forum', 3],
];

export interface DemoAuthor {
  handle: string;
  name: string;
  followers: number;
  verified: boolean;
  platform: Platform;
}

const FIRST = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Hugo',
  'Isla',
  'Jay',
  'Kai',
  'Lena',
  'Maya',
  'Noah',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vik',
  'Wren',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Ahmed',
  'Baker',
  'Costa',
  'Dunn',
  'Evans',
  'Fox',
  'Gill',
  'Hart',
  'Ito',
  'Jones',
  'Khan',
  'Lopez',
  'Moss',
  'Nash',
  'Okafor',
  'Patel',
  'Reid',
  'Shah',
  'Taylor',
  'Wood',
];

/** A stable cast of authors: mostly small accounts, a long tail, and a few with real reach. */
export function buildAuthors(seed: number, count = 400): DemoAuthor[] {
  const random = mulberry32(seed);
  const authors: DemoAuthor[] = [];
  const seen = new Set<string>();
  while (authors.length < count) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const handle = `${first.toLowerCase()}${random() < 0.5 ? '_' : ''}${last.toLowerCase()}${Math.floor(random() * 100)}`;
    if (seen.has(handle)) continue;
    seen.add(handle);
    // Log-normal: median around 250 followers, a few thousand common, six figures rare.
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const followers = Math.round(Math.exp(5.5 + 1.6 * gaussian));
    authors.push({ handle, name: `${first} ${last}`, followers, verified: followers > 50_000 && random() < 0.5, platform: weightedPlatform(random) });
  }
  return authors;
}

/** Accounts big enough that one complaint from them is news. */
export function buildInfluencers(seed: number): DemoAuthor[] {
  const random = mulberry32(seed ^ 0x5eed);
  const people: Array<[string, string, Platform]> = [
    ['techwithtasha', 'Tasha Okoro', 'x'],
    ['gadgetgareth', 'Gareth Lyle', 'x'],
    ['mumsnetmeg', 'Meg Hollis', 'instagram'],
    ['dailyconsumer', 'The Daily Consumer', 'news'],
    ['speedtest_sam', 'Sam Speed', 'bluesky'],
  ];
  return people.map(([handle, name, platform]) => ({
    handle,
    name,
    platform,
    followers: Math.round(250_000 + random() * 2_250_000),
    verified: true,
  }));
}

function weightedPlatform(random: () => number): Platform {
  const total = PLATFORM_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [platform, weight] of PLATFORM_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return platform;
  }
  return 'x';
}

export function fillTemplate(template: string, random: () => number, extra: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'brand':
        return BRAND.handle;
      case 'brand_name':
        return BRAND.name;
      case 'tag':
        return BRAND.crisisTag;
      case 'product':
        return pick(random, PRODUCTS);
      case 'city':
        return pick(random, CITIES);
      case 'hours':
        return String(2 + Math.floor(random() * 7));
      default:
        return extra[key] ?? key;
    }
  });
}
