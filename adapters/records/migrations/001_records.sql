-- Accounts, consumer flags, the contact ledger and scheduled messages.
-- Runs unchanged on PostgreSQL 15+ and PGlite: no extensions, no version-specific syntax.

CREATE TABLE accounts (
  id text PRIMARY KEY,
  -- The validated Account (amounts in minor units, jurisdictions resolved), as the import produced it.
  data jsonb NOT NULL,
  -- The consumer's phone numbers (E.164), copied out of data so an inbound text finds its accounts by index.
  phones text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_phones_idx ON accounts USING gin (phones);

CREATE TABLE consumer_flags (
  account_id text PRIMARY KEY REFERENCES accounts (id),
  flags jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  channel text NOT NULL,
  at timestamptz NOT NULL,
  initiated_by text NOT NULL CHECK (initiated_by IN ('parley', 'consumer')),
  outcome text NOT NULL,
  address text,
  address_type text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
-- Frequency caps ask "attempts on this account since T".
CREATE INDEX contact_attempts_account_at_idx ON contact_attempts (account_id, at);

CREATE TABLE scheduled_messages (
  id uuid PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  channel text NOT NULL,
  speech_act text NOT NULL,
  slots jsonb NOT NULL DEFAULT '{}',
  due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'deferred', 'suppressed', 'failed')),
  reason text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The dispatcher claims due work with
--   SELECT ... WHERE status IN ('pending', 'deferred') AND due_at <= $now ORDER BY due_at LIMIT n FOR UPDATE SKIP LOCKED
-- so only the open messages are indexed, by due time.
CREATE INDEX scheduled_messages_open_due_idx ON scheduled_messages (due_at) WHERE status IN ('pending', 'deferred');
CREATE INDEX scheduled_messages_account_idx ON scheduled_messages (account_id, due_at);
