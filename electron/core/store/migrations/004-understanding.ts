import type { Migration } from './migration';

/** Reserved for the understanding area. Until it ships tables, it changes nothing. */
export const migration004: Migration = {
  version: 4,
  name: 'understanding',
  up: '',
};
