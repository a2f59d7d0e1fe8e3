import type { Migration } from './migration';

/** Reserved for the alerting area. Until it ships tables, it changes nothing. */
export const migration004: Migration = {
  version: 4,
  name: 'alerting',
  up: '',
};
