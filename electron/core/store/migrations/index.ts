import { migration001 } from './001-initial';
import type { Migration } from './migration';

/** Every migration, in order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration001];
