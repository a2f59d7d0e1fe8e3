import type { Migration } from './migration';

/**
 * Care: conversations grouped from mentions, their append-only history, the team and its routing
 * rules, approved responses, replies and the accounts they go out from (secrets live in the secret
 * store, never here), CRM customers linked by handle, and survey answers.
 */
export const migration007: Migration = {
  version: 7,
  name: 'care',
  up: `
    CREATE TABLE care_teams (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    ) STRICT;

    CREATE TABLE care_agents (
      name TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      team_id INTEGER REFERENCES care_teams(id) ON DELETE SET NULL,
      capacity INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE care_customers (
      id INTEGER PRIMARY KEY,
      crm_id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      lifetime_value REAL NOT NULL,
      tier TEXT NOT NULL,
      notes TEXT NOT NULL DEFAULT '',
      imported_at INTEGER NOT NULL
    ) STRICT;

    -- Handles normalised (no "@", lower case); one customer per handle.
    CREATE TABLE care_customer_handles (
      handle TEXT PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES care_customers(id) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX care_customer_handles_by_customer ON care_customer_handles(customer_id);

    CREATE TABLE care_conversations (
      id INTEGER PRIMARY KEY,
      status TEXT NOT NULL,
      assignee TEXT,
      team_id INTEGER REFERENCES care_teams(id) ON DELETE SET NULL,
      platform TEXT NOT NULL,
      source_id TEXT NOT NULL,
      -- platform:handle, normalised: the key of "the same author".
      author_key TEXT NOT NULL,
      author_handle TEXT NOT NULL,
      author_name TEXT,
      preview TEXT NOT NULL,
      urgency REAL NOT NULL,
      sentiment TEXT NOT NULL,
      sentiment_first REAL,
      sentiment_last REAL,
      clout REAL NOT NULL,
      lang TEXT,
      intents TEXT NOT NULL DEFAULT '[]',
      topic_ids TEXT NOT NULL DEFAULT '[]',
      tags TEXT NOT NULL DEFAULT '[]',
      segment TEXT,
      mention_count INTEGER NOT NULL,
      opened_at INTEGER NOT NULL,
      last_activity_at INTEGER NOT NULL,
      waiting_since INTEGER,
      waiting_mention_id INTEGER,
      first_response_at INTEGER,
      resolved_at INTEGER,
      resolution TEXT,
      private_channel TEXT,
      customer_id INTEGER REFERENCES care_customers(id) ON DELETE SET NULL,
      csat INTEGER,
      nps INTEGER
    ) STRICT;
    -- The triage queue: open conversations by urgency (partial index: resolved ones drop out).
    CREATE INDEX care_conversations_open ON care_conversations(urgency DESC, id DESC) WHERE status <> 'resolved';
    -- The other two inbox orders (the expression must stay identical to the ORDER BY in queries/care.ts).
    CREATE INDEX care_conversations_open_waiting ON care_conversations(COALESCE(waiting_since, 9007199254740991), id DESC) WHERE status <> 'resolved';
    CREATE INDEX care_conversations_open_newest ON care_conversations(last_activity_at DESC, id DESC) WHERE status <> 'resolved';
    CREATE INDEX care_conversations_by_author ON care_conversations(author_key, last_activity_at);
    CREATE INDEX care_conversations_waiting ON care_conversations(waiting_since) WHERE waiting_since IS NOT NULL;
    CREATE INDEX care_conversations_by_assignee ON care_conversations(assignee, status);

    CREATE TABLE care_conversation_mentions (
      mention_id INTEGER PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
      conversation_id INTEGER NOT NULL REFERENCES care_conversations(id) ON DELETE CASCADE,
      platform TEXT NOT NULL,
      external_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX care_conversation_mentions_by_conversation ON care_conversation_mentions(conversation_id, mention_id);
    -- Replies name their parent by the platform's id.
    CREATE INDEX care_conversation_mentions_by_external ON care_conversation_mentions(platform, external_id);

    -- Who did what, when. Append-only: the triggers refuse changes.
    CREATE TABLE care_events (
      id INTEGER PRIMARY KEY,
      conversation_id INTEGER NOT NULL REFERENCES care_conversations(id),
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      kind TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE INDEX care_events_by_conversation ON care_events(conversation_id, id);
    CREATE TRIGGER care_events_no_update BEFORE UPDATE ON care_events BEGIN SELECT RAISE(ABORT, 'care history is append-only'); END;
    CREATE TRIGGER care_events_no_delete BEFORE DELETE ON care_events BEGIN SELECT RAISE(ABORT, 'care history is append-only'); END;

    CREATE TABLE care_notes (
      id INTEGER PRIMARY KEY,
      conversation_id INTEGER REFERENCES care_conversations(id) ON DELETE CASCADE,
      customer_id INTEGER REFERENCES care_customers(id) ON DELETE CASCADE,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX care_notes_by_conversation ON care_notes(conversation_id);
    CREATE INDEX care_notes_by_customer ON care_notes(customer_id);

    CREATE TABLE care_routing_rules (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      match TEXT NOT NULL,
      strategy TEXT NOT NULL,
      team_id INTEGER NOT NULL REFERENCES care_teams(id) ON DELETE CASCADE,
      last_agent TEXT
    ) STRICT;

    CREATE TABLE care_templates (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      body TEXT NOT NULL,
      approved_by TEXT,
      approved_at INTEGER,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE care_accounts (
      id INTEGER PRIMARY KEY,
      platform TEXT NOT NULL,
      name TEXT NOT NULL,
      base_url TEXT NOT NULL,
      identifier TEXT NOT NULL,
      -- The key under which the token or app password sits in the secret store.
      secret_ref TEXT NOT NULL
    ) STRICT;

    CREATE TABLE care_replies (
      id INTEGER PRIMARY KEY,
      conversation_id INTEGER NOT NULL REFERENCES care_conversations(id) ON DELETE CASCADE,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      template_id INTEGER REFERENCES care_templates(id) ON DELETE SET NULL,
      channel TEXT NOT NULL,
      account_id INTEGER REFERENCES care_accounts(id) ON DELETE SET NULL,
      reply_to_mention_id INTEGER,
      status TEXT NOT NULL,
      approved_by TEXT,
      external_id TEXT,
      external_url TEXT,
      platform TEXT,
      error TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    ) STRICT;
    CREATE INDEX care_replies_by_conversation ON care_replies(conversation_id, id);
    -- A customer's answer to our reply names our post's id.
    CREATE INDEX care_replies_by_external ON care_replies(platform, external_id) WHERE external_id IS NOT NULL;
  `,
};
