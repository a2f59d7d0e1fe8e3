import type { Migration } from './migration';

/** Reserved for the care area. Until it ships tables, it changes nothing. */
export const migration007: Migration = {
  version: 7,
  name: 'care',
  up: '',
};
