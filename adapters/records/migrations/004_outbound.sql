-- Outbound: reminders and follow-ups Parley sends first, and the conversation references that let it
-- reach a consumer in Teams or web chat. Runs unchanged on PostgreSQL 15+ and PGlite.

-- 'sending': the decision and the contact attempt are committed and the channel call is under way
-- (write before send). A row left there by a crash is not sent again: recovery marks it failed.
-- 'blocked': the gate refused these words (e.g. they would reveal the debt to an unverified reader).
-- 'cancelled': withdrawn by a person, or made pointless (a follow-up the consumer already answered).
ALTER TABLE scheduled_messages DROP CONSTRAINT scheduled_messages_status_check;
ALTER TABLE scheduled_messages ADD CONSTRAINT scheduled_messages_status_check
  CHECK (status IN ('pending', 'deferred', 'sending', 'sent', 'suppressed', 'blocked', 'failed', 'cancelled'));

ALTER TABLE scheduled_messages
  -- Why it was scheduled: payment-due, promise-due, follow-up, check-in, campaign, notice, manual.
  ADD COLUMN kind text NOT NULL DEFAULT 'manual',
  -- 'auto': the planner chooses among the permitted channels at send time; channel then records the choice.
  ADD COLUMN channel_policy text NOT NULL DEFAULT 'fixed' CHECK (channel_policy IN ('fixed', 'auto')),
  -- Who scheduled it: arrangement:<id>, dialog, cli, admin, campaign:<name>.
  ADD COLUMN source text,
  -- One message per key and account: an event delivered twice schedules one reminder.
  ADD COLUMN dedupe_key text,
  -- After this instant the message has lost its point (a reminder for a date gone by).
  ADD COLUMN expires_at timestamptz,
  -- The arrangement a reminder belongs to; its due date is slots.dueDate. Pacing reads these.
  ADD COLUMN arrangement_id text,
  ADD COLUMN arrangement_kind text,
  ADD COLUMN first_due_at timestamptz,
  ADD COLUMN sent_at timestamptz,
  -- The address used, masked (the number itself stays in accounts).
  ADD COLUMN target text,
  ADD COLUMN claimed_by text,
  ADD COLUMN contact_attempt_id bigint REFERENCES contact_attempts (id);

UPDATE scheduled_messages SET first_due_at = due_at WHERE first_due_at IS NULL;

CREATE UNIQUE INDEX scheduled_messages_dedupe_idx ON scheduled_messages (account_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
-- Recovery looks for rows a stopped dispatcher left in 'sending'.
CREATE INDEX scheduled_messages_sending_idx ON scheduled_messages (updated_at) WHERE status = 'sending';
CREATE INDEX scheduled_messages_arrangement_idx ON scheduled_messages (account_id) WHERE arrangement_id IS NOT NULL;

-- How to reach a verified consumer proactively in Teams or web chat: the latest conversation per
-- channel user. The reference is the channel's own (a Bot Framework ConversationReference for Teams).
CREATE TABLE conversation_references (
  account_id text NOT NULL REFERENCES accounts (id),
  channel text NOT NULL CHECK (channel IN ('teams', 'webchat')),
  user_id text NOT NULL,
  conversation_id text NOT NULL,
  reference jsonb NOT NULL,
  audience text NOT NULL DEFAULT 'private' CHECK (audience IN ('private', 'shared')),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, channel, user_id)
);
