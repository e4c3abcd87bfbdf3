-- The compliance console: users and sessions, a conversation summary the search reads, QA reviews,
-- legal holds, the hand-off queue, and retention checkpoints.
-- Runs unchanged on PostgreSQL 15+ and PGlite: no extensions.

-- Console users. A sign-in token is "<id>.<secret>"; only sha256(secret) is kept, so the id lets the
-- sign-in be rate limited per user even when the secret is wrong.
CREATE TABLE console_users (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text,
  token_issued_at timestamptz NOT NULL,
  disabled_at timestamptz
);

-- Sessions: the cookie carries a random secret; the row is keyed by its sha256.
CREATE TABLE console_sessions (
  id_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES console_users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX console_sessions_user_idx ON console_sessions (user_id, expires_at);

-- One row per conversation (a "conv:" or "outbound:" chain, or events naming a conversation), kept
-- by a trigger as events are appended, so searching a million events reads a summary table a tenth
-- its size. It is derived data: parley_console_rebuild() recomputes it from the trail.
CREATE TABLE console_conversations (
  conv_key text PRIMARY KEY,
  conversation_id text,
  channel text,
  account_id text,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  events integer NOT NULL DEFAULT 0,
  inbound integer NOT NULL DEFAULT 0,
  outbound integer NOT NULL DEFAULT 0,
  blocked integer NOT NULL DEFAULT 0,
  deferred integer NOT NULL DEFAULT 0,
  suppressed integer NOT NULL DEFAULT 0,
  replaced integer NOT NULL DEFAULT 0,
  handoffs integer NOT NULL DEFAULT 0,
  verdicts text[] NOT NULL DEFAULT '{}',
  rule_ids text[] NOT NULL DEFAULT '{}',
  citations text[] NOT NULL DEFAULT '{}',
  flags text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX console_conversations_last_idx ON console_conversations (last_at DESC, conv_key DESC);
CREATE INDEX console_conversations_account_idx ON console_conversations (account_id, last_at DESC) WHERE account_id IS NOT NULL;
CREATE INDEX console_conversations_channel_idx ON console_conversations (channel, last_at DESC);
CREATE INDEX console_conversations_verdicts_idx ON console_conversations USING gin (verdicts);
CREATE INDEX console_conversations_rules_idx ON console_conversations USING gin (rule_ids);
CREATE INDEX console_conversations_citations_idx ON console_conversations USING gin (citations);
CREATE INDEX console_conversations_flags_idx ON console_conversations USING gin (flags);

-- Which conversation an event belongs to; NULL for system, console and account-level events.
CREATE FUNCTION parley_console_key(chain_id text, conversation_id text, channel text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN chain_id LIKE 'conv:%' OR chain_id LIKE 'outbound:%' THEN chain_id
    WHEN conversation_id IS NOT NULL AND channel IS NOT NULL THEN 'conv:' || channel || ':' || conversation_id
  END
$$;

-- A field (ruleId or citation) of every rule a decision applied or found violated, the replaced model draft's included.
CREATE FUNCTION parley_decision_rules(payload jsonb, field text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT r ->> field ORDER BY r ->> field) FILTER (WHERE r ->> field IS NOT NULL), '{}')
    FROM unnest(ARRAY[payload -> 'decision' -> 'rules', payload -> 'decision' -> 'violations', payload -> 'decision' -> 'replacedDraft' -> 'violations']) AS x(list),
         jsonb_array_elements(CASE WHEN jsonb_typeof(x.list) = 'array' THEN x.list ELSE '[]'::jsonb END) AS r
$$;

-- The words of an event a free-text search looks at: the message, the decided text, the blocked draft.
CREATE FUNCTION parley_event_text(payload jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws(' ', payload ->> 'text', payload -> 'decision' ->> 'text', payload -> 'decision' -> 'replacedDraft' ->> 'text')
$$;

CREATE FUNCTION parley_sorted_union(a text[], b text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN b <@ a THEN a ELSE ARRAY(SELECT DISTINCT v FROM unnest(a || b) AS u(v) WHERE v IS NOT NULL ORDER BY v) END
$$;

CREATE FUNCTION parley_console_absorb() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k text := parley_console_key(NEW.chain_id, NEW.conversation_id, NEW.channel);
  verdict text := NEW.payload -> 'decision' ->> 'verdict';
  is_decision boolean := NEW.kind IN ('outbound', 'decision');
BEGIN
  IF k IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO console_conversations AS c (
    conv_key, conversation_id, channel, account_id, first_at, last_at, events, inbound, outbound,
    blocked, deferred, suppressed, replaced, handoffs, verdicts, rule_ids, citations, flags)
  VALUES (
    k, NEW.conversation_id, NEW.channel, coalesce(NEW.account_id, NEW.payload ->> 'accountId'), NEW.at, NEW.at, 1,
    (NEW.kind = 'inbound')::int, (NEW.kind = 'outbound')::int,
    (is_decision AND verdict = 'block')::int, (is_decision AND verdict = 'defer')::int, (is_decision AND verdict = 'suppress')::int,
    coalesce(is_decision AND jsonb_typeof(NEW.payload -> 'decision' -> 'replacedDraft') = 'object', false)::int,
    (NEW.kind = 'handoff')::int,
    CASE WHEN is_decision AND verdict IS NOT NULL THEN ARRAY[verdict] ELSE '{}' END,
    CASE WHEN is_decision THEN parley_decision_rules(NEW.payload, 'ruleId') ELSE '{}' END,
    CASE WHEN is_decision THEN parley_decision_rules(NEW.payload, 'citation') ELSE '{}' END,
    CASE WHEN NEW.kind = 'flag-change' AND NEW.payload ->> 'field' IS NOT NULL THEN ARRAY[NEW.payload ->> 'field'] ELSE '{}' END)
  ON CONFLICT (conv_key) DO UPDATE SET
    conversation_id = coalesce(c.conversation_id, EXCLUDED.conversation_id),
    channel = coalesce(c.channel, EXCLUDED.channel),
    account_id = coalesce(c.account_id, EXCLUDED.account_id),
    first_at = least(c.first_at, EXCLUDED.first_at),
    last_at = greatest(c.last_at, EXCLUDED.last_at),
    events = c.events + 1,
    inbound = c.inbound + EXCLUDED.inbound,
    outbound = c.outbound + EXCLUDED.outbound,
    blocked = c.blocked + EXCLUDED.blocked,
    deferred = c.deferred + EXCLUDED.deferred,
    suppressed = c.suppressed + EXCLUDED.suppressed,
    replaced = c.replaced + EXCLUDED.replaced,
    handoffs = c.handoffs + EXCLUDED.handoffs,
    verdicts = parley_sorted_union(c.verdicts, EXCLUDED.verdicts),
    rule_ids = parley_sorted_union(c.rule_ids, EXCLUDED.rule_ids),
    citations = parley_sorted_union(c.citations, EXCLUDED.citations),
    flags = parley_sorted_union(c.flags, EXCLUDED.flags);
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_events_console_summary
  AFTER INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION parley_console_absorb();

-- Recomputes the summary of the conversations matching a key pattern (all by default) from the trail,
-- in one set-based pass: after a bulk load with triggers off, after retention, or to repair it.
CREATE FUNCTION parley_console_rebuild(key_like text DEFAULT '%') RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM console_conversations WHERE conv_key LIKE key_like;
  WITH ev AS (
    SELECT parley_console_key(e.chain_id, e.conversation_id, e.channel) AS k, e.*,
           e.payload -> 'decision' ->> 'verdict' AS verdict, e.kind IN ('outbound', 'decision') AS is_decision
      FROM audit_events e
  ), scoped AS (
    SELECT * FROM ev WHERE k IS NOT NULL AND k LIKE key_like
  ), base AS (
    SELECT k,
           (array_agg(conversation_id ORDER BY at, seq) FILTER (WHERE conversation_id IS NOT NULL))[1] AS conversation_id,
           (array_agg(channel ORDER BY at, seq) FILTER (WHERE channel IS NOT NULL))[1] AS channel,
           (array_agg(coalesce(account_id, payload ->> 'accountId') ORDER BY at, seq) FILTER (WHERE coalesce(account_id, payload ->> 'accountId') IS NOT NULL))[1] AS account_id,
           min(at) AS first_at, max(at) AS last_at, count(*)::int AS events,
           count(*) FILTER (WHERE kind = 'inbound')::int AS inbound,
           count(*) FILTER (WHERE kind = 'outbound')::int AS outbound,
           count(*) FILTER (WHERE is_decision AND verdict = 'block')::int AS blocked,
           count(*) FILTER (WHERE is_decision AND verdict = 'defer')::int AS deferred,
           count(*) FILTER (WHERE is_decision AND verdict = 'suppress')::int AS suppressed,
           count(*) FILTER (WHERE coalesce(is_decision AND jsonb_typeof(payload -> 'decision' -> 'replacedDraft') = 'object', false))::int AS replaced,
           count(*) FILTER (WHERE kind = 'handoff')::int AS handoffs,
           coalesce(array_agg(DISTINCT verdict ORDER BY verdict) FILTER (WHERE is_decision AND verdict IS NOT NULL), '{}') AS verdicts,
           coalesce(array_agg(DISTINCT payload ->> 'field' ORDER BY payload ->> 'field') FILTER (WHERE kind = 'flag-change' AND payload ->> 'field' IS NOT NULL), '{}') AS flags
      FROM scoped GROUP BY k
  ), rules AS (
    SELECT k, array_agg(DISTINCT r ORDER BY r) AS rule_ids
      FROM scoped, unnest(parley_decision_rules(payload, 'ruleId')) AS r WHERE is_decision GROUP BY k
  ), cites AS (
    SELECT k, array_agg(DISTINCT r ORDER BY r) AS citations
      FROM scoped, unnest(parley_decision_rules(payload, 'citation')) AS r WHERE is_decision GROUP BY k
  )
  INSERT INTO console_conversations (conv_key, conversation_id, channel, account_id, first_at, last_at, events, inbound, outbound,
                                     blocked, deferred, suppressed, replaced, handoffs, verdicts, rule_ids, citations, flags)
  SELECT b.k, b.conversation_id, b.channel, b.account_id, b.first_at, b.last_at, b.events, b.inbound, b.outbound,
         b.blocked, b.deferred, b.suppressed, b.replaced, b.handoffs, b.verdicts,
         coalesce(r.rule_ids, '{}'), coalesce(c.citations, '{}'), b.flags
    FROM base b LEFT JOIN rules r ON r.k = b.k LEFT JOIN cites c ON c.k = b.k;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;

SELECT parley_console_rebuild();

-- Searching the events themselves (the decision list, free text, the dashboard).
CREATE INDEX audit_events_kind_at_idx ON audit_events (kind, at);
CREATE INDEX audit_events_payload_idx ON audit_events USING gin (payload jsonb_path_ops) WHERE kind IN ('outbound', 'decision', 'flag-change');
CREATE INDEX audit_events_text_idx ON audit_events USING gin (to_tsvector('simple', parley_event_text(payload))) WHERE kind IN ('inbound', 'outbound', 'decision');
-- Accounts by jurisdiction and by name, for search filters.
CREATE INDEX accounts_jurisdictions_idx ON accounts USING gin ((data -> 'jurisdictions'));
CREATE INDEX accounts_name_idx ON accounts (lower((data -> 'consumer' ->> 'lastName')), lower((data -> 'consumer' ->> 'firstName')));

-- QA review: conversations sampled (risk-weighted) for a reviewer, and the reviewer's sign-off.
CREATE TABLE console_reviews (
  id uuid PRIMARY KEY,
  conv_key text NOT NULL,
  weight double precision NOT NULL,
  reasons text[] NOT NULL DEFAULT '{}',
  sampled_at timestamptz NOT NULL,
  sampled_by text NOT NULL REFERENCES console_users (id),
  signed_at timestamptz,
  signed_by text REFERENCES console_users (id),
  outcome text CHECK (outcome IN ('compliant', 'finding', 'escalated')),
  notes text
);
CREATE UNIQUE INDEX console_reviews_open_idx ON console_reviews (conv_key) WHERE signed_at IS NULL;
CREATE INDEX console_reviews_sampled_idx ON console_reviews (sampled_at DESC);

-- Legal holds stop retention from removing an account's records while a hold is in place.
CREATE TABLE console_legal_holds (
  id uuid PRIMARY KEY,
  account_id text NOT NULL,
  reason text NOT NULL,
  placed_by text NOT NULL,
  placed_at timestamptz NOT NULL,
  released_at timestamptz,
  released_by text
);
CREATE INDEX console_legal_holds_account_idx ON console_legal_holds (account_id) WHERE released_at IS NULL;

-- People waiting to take over a conversation (the HandoffQueue port on PostgreSQL), and how long they waited.
CREATE TABLE console_handoffs (
  id text PRIMARY KEY,
  account_id text,
  conversation_id text NOT NULL,
  channel text NOT NULL,
  reason text NOT NULL,
  context jsonb NOT NULL DEFAULT '[]',
  requested_at timestamptz NOT NULL,
  claimed_at timestamptz,
  claimed_by text,
  resolved_at timestamptz,
  resolved_by text,
  resolution text
);
CREATE INDEX console_handoffs_open_idx ON console_handoffs (requested_at) WHERE resolved_at IS NULL;
CREATE INDEX console_handoffs_requested_idx ON console_handoffs (requested_at);

-- Retention checkpoints: what retention removed from the front of a chain, signed (HMAC-SHA256 with
-- PARLEY_AUDIT_CHECKPOINT_KEY) so `parley audit verify` accepts that prefix as removed on purpose and
-- still flags any other gap. Checkpoints of one chain follow each other: first_prev_hash of one is
-- last_hash of the one before, and the first starts at seq 1 from the genesis hash.
CREATE TABLE audit_checkpoints (
  id uuid PRIMARY KEY,
  chain_id text NOT NULL REFERENCES audit_chain_heads (chain_id),
  first_seq integer NOT NULL CHECK (first_seq >= 1),
  last_seq integer NOT NULL,
  first_prev_hash text NOT NULL,
  last_hash text NOT NULL,
  removed_at timestamptz NOT NULL,
  reason text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  CHECK (last_seq >= first_seq),
  CONSTRAINT audit_checkpoints_chain_last_key UNIQUE (chain_id, last_seq)
);
CREATE INDEX audit_checkpoints_chain_first_idx ON audit_checkpoints (chain_id, first_seq);

CREATE FUNCTION parley_audit_checkpoints_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoints is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_checkpoints_append_only
  BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION parley_audit_checkpoints_refuse_change();

CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION parley_audit_checkpoints_refuse_change();

-- The one way events leave audit_events: the retention path. In a transaction that has set
-- parley.audit_retention = 'on' (set_config(..., true): this transaction only), a row may be deleted
-- if a checkpoint of its chain covers its seq. Everything else stays refused, as in 002.
CREATE OR REPLACE FUNCTION parley_audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW'
     AND current_setting('parley.audit_retention', true) = 'on'
     AND EXISTS (SELECT 1 FROM audit_checkpoints c
                  WHERE c.chain_id = OLD.chain_id AND OLD.seq BETWEEN c.first_seq AND c.last_seq) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
