-- The audit trail: append-only, hash-chained per chain (a conversation, "account:<id>" or "system").
--
-- Each event's hash is sha256 over a canonical serialization of all its fields, prev_hash included, so
-- editing an event breaks its hash and deleting one breaks the next event's prev_hash and seq. The
-- chain head keeps the last seq and hash, so deleting the last event of a chain is detected too.
--
-- Triggers refuse UPDATE, DELETE and TRUNCATE. The table owner can still disable them
-- (ALTER TABLE audit_events DISABLE TRIGGER USER, or SET session_replication_role = replica as a
-- superuser); that is how the tests simulate tampering, and what `parley audit verify` exists to catch.
-- In production run Parley as a role that does not own these tables.

CREATE TABLE audit_chain_heads (
  chain_id text PRIMARY KEY,
  last_seq integer NOT NULL CHECK (last_seq >= 0),
  last_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_events (
  id uuid PRIMARY KEY,
  chain_id text NOT NULL REFERENCES audit_chain_heads (chain_id),
  seq integer NOT NULL CHECK (seq >= 1),
  kind text NOT NULL,
  account_id text,
  conversation_id text,
  channel text,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT audit_events_chain_seq_key UNIQUE (chain_id, seq)
);
CREATE INDEX audit_events_account_at_idx ON audit_events (account_id, at) WHERE account_id IS NOT NULL;
CREATE INDEX audit_events_conversation_idx ON audit_events (conversation_id, at) WHERE conversation_id IS NOT NULL;
CREATE INDEX audit_events_at_idx ON audit_events (at);

CREATE FUNCTION parley_audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION parley_audit_events_refuse_change();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION parley_audit_events_refuse_change();

-- A chain head only moves forward one event at a time and is never removed.
CREATE FUNCTION parley_audit_heads_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.chain_id = OLD.chain_id AND NEW.last_seq = OLD.last_seq + 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_heads only advances by one event: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_chain_heads_forward_only
  BEFORE UPDATE OR DELETE ON audit_chain_heads
  FOR EACH ROW EXECUTE FUNCTION parley_audit_heads_guard();

CREATE TRIGGER audit_chain_heads_no_truncate
  BEFORE TRUNCATE ON audit_chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION parley_audit_heads_guard();
