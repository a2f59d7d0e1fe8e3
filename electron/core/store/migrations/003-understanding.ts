import type { Migration } from './migration';

/** Reserved for the understanding area. Until it ships tables, it changes nothing. */
export const migration003: Migration = {
  version: 3,
  name: 'understanding',
  up: '',
};
