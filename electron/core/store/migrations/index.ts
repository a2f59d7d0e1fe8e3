import { migration001 } from './001-initial';
import { migration002 } from './002-listening';
import { migration003 } from './003-understanding';
import { migration004 } from './004-alerting';
import { migration005 } from './005-walls';
import { migration006 } from './006-care';
import type { Migration } from './migration';

/**
 * Every migration, in order. Append only: never edit one that has shipped. 002–006 were reserved
 * for one area each while those areas were built side by side; each is still one numbered step.
 */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
