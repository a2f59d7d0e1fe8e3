import './PlatformBadge.css';

const LABELS: Record<string, string> = {
  x: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  reddit: 'Reddit',
  hackernews: 'HN',
  youtube: 'YouTube',
  instagram: 'Instagram',
  facebook: 'Facebook',
  news: 'News',
  blog: 'Blog',
  reviews: 'Reviews',
  forum: 'Forum',
  other: 'Other',
};

export interface PlatformBadgeOptions {
  platform: string;
}

/** The platform as a short word; unknown names are shown as given (as text, never markup). */
export function PlatformBadge({ platform }: PlatformBadgeOptions) {
  const known = Object.prototype.hasOwnProperty.call(LABELS, platform);
  return <span className={`platform-badge platform-badge--${known ? platform : 'other'}`}>{known ? LABELS[platform] : platform}</span>;
}
