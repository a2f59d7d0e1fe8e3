import type { Migration } from './migration';

/** Reserved for the alerting area. Until it ships tables, it changes nothing. */
export const migration005: Migration = {
  version: 5,
  name: 'alerting',
  up: '',
};
