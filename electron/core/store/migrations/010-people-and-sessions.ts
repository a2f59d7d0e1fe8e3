import type { Migration } from './migration';

/**
 * People, their sign-in sessions, paired wall displays and the audit log. Serve mode trusted
 * anyone who could reach its port; now every browser is a person signed in with a passphrase or a
 * wall paired by a lead. Tokens and pairing secrets are stored only as SHA-256 hashes, so a copy
 * of the database does not hand out live sessions; passphrases as scrypt hashes with their salt and
 * cost, so the cost can be raised later without invalidating old hashes.
 */
export const migration010: Migration = {
  version: 10,
  name: 'people, sessions, wall pairings, audit log',
  up: `
    CREATE TABLE people (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      -- agent | lead | admin
      role TEXT NOT NULL,
      pass_hash TEXT NOT NULL,
      pass_salt TEXT NOT NULL,
      -- JSON: scrypt N, r, p and key length the hash was made with.
      pass_params TEXT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE display_pairings (
      id INTEGER PRIMARY KEY,
      -- The short code the TV shows; unique among pending ones only.
      code TEXT NOT NULL,
      -- SHA-256 of the secret the TV's browser holds (its pairing cookie).
      secret_hash TEXT NOT NULL UNIQUE,
      -- pending | paired | revoked
      status TEXT NOT NULL,
      display_id TEXT,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      approved_by TEXT,
      approved_at INTEGER,
      revoked_at INTEGER,
      user_agent TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX display_pairings_by_code ON display_pairings(code, status);

    CREATE TABLE auth_sessions (
      -- SHA-256 of the cookie's token.
      token_hash TEXT PRIMARY KEY,
      person_id INTEGER REFERENCES people(id),
      pairing_id INTEGER REFERENCES display_pairings(id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      revoked_at INTEGER,
      user_agent TEXT NOT NULL DEFAULT '',
      CHECK ((person_id IS NULL) <> (pairing_id IS NULL))
    ) STRICT;
    CREATE INDEX auth_sessions_by_person ON auth_sessions(person_id);
    CREATE INDEX auth_sessions_by_pairing ON auth_sessions(pairing_id);

    -- Append-only: rows are only ever inserted, and deleted by the audit retention.
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      -- local-owner | person | display | anonymous
      actor_kind TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      person_id INTEGER,
      role TEXT,
      method TEXT NOT NULL,
      -- JSON summary of the parameters with secrets redacted and long text cut.
      params TEXT NOT NULL,
      -- ok, or the error code
      outcome TEXT NOT NULL,
      message TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX audit_log_by_at ON audit_log(at);
    CREATE INDEX audit_log_by_actor ON audit_log(actor_name, at);
    CREATE INDEX audit_log_by_method ON audit_log(method, at);
  `,
};
