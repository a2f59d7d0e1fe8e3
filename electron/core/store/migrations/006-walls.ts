import type { Migration } from './migration';

/** Reserved for the walls area. Until it ships tables, it changes nothing. */
export const migration006: Migration = {
  version: 6,
  name: 'walls',
  up: '',
};
