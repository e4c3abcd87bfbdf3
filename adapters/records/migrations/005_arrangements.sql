-- Payment arrangements a verified consumer agreed to in a conversation: plans, settlements, promises.
-- Terms are always within the creditor's authority (checked by the dialog before it offers them).
CREATE TABLE arrangements (
  id uuid PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('plan', 'settlement', 'promise', 'pay-in-full')),
  amount bigint NOT NULL CHECK (amount >= 0),
  currency text NOT NULL,
  dates jsonb NOT NULL DEFAULT '[]'::jsonb,
  frequency text CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
  conversation_id text,
  created_at timestamptz NOT NULL
);

CREATE INDEX arrangements_account_idx ON arrangements (account_id, created_at);
