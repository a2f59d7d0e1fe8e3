export interface Migration {
  /** Strictly increasing, one step at a time; becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  up: string;
}
