import { migration001 } from './001-initial';
import { migration002 } from './002-topics-and-analysis';
import { migration003 } from './003-listening';
import { migration004 } from './004-understanding';
import { migration005 } from './005-alerting';
import { migration006 } from './006-walls';
import { migration007 } from './007-care';
import { migration008 } from './008-record-and-review';
import { migration009 } from './009-source-events';
import { migration010 } from './010-people-and-sessions';
import { migration012 } from './012-emotion';
import { migration013 } from './013-signals';
import { migration014 } from './014-author-hours';
import { migration015 } from './015-care-triage';
import { migration016 } from './016-care-surveys';
import { migration018 } from './018-read-indexes';
import { migration019 } from './019-labelled-posts';
import { migration020 } from './020-care-kpi-indexes';
import type { Migration } from './migration';

/**
 * Every migration, in order. Append only: never edit one that has shipped. 003–007 were reserved
 * for one area each while those areas were built side by side; each is still one numbered step.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration018,
  migration019,
  migration020,
];

/** The schema version a fully migrated database has (versions may skip numbers reserved for other areas). */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
