import type { Migration } from './migration';

/** Reserved for the listening area. Until it ships tables, it changes nothing. */
export const migration003: Migration = {
  version: 3,
  name: 'listening',
  up: '',
};
