import type { Migration } from './migration';

/** Reserved for the listening area. Until it ships tables, it changes nothing. */
export const migration002: Migration = {
  version: 2,
  name: 'listening',
  up: '',
};
