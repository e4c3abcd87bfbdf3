-- Console search at a million events (measured by tests/bench/console-search.ts): free text and date
-- ranges are answered from the conversation summary, decision lists from narrow indexes that walk
-- the newest first instead of sorting every match.

-- The words of each conversation (messages, decided texts, replaced drafts), so a free-text search
-- reads 100,000 summaries instead of joining a million events.
ALTER TABLE console_conversations ADD COLUMN words tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX console_conversations_words_idx ON console_conversations USING gin (words);
-- Conversations overlapping a date range.
CREATE INDEX console_conversations_span_idx ON console_conversations USING gist (tstzrange(first_at, last_at, '[]'));

CREATE FUNCTION parley_event_words(kind text, payload jsonb) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN kind IN ('inbound', 'outbound', 'decision') THEN to_tsvector('simple', parley_event_text(payload)) ELSE ''::tsvector END
$$;

CREATE OR REPLACE FUNCTION parley_console_absorb() RETURNS trigger
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
    blocked, deferred, suppressed, replaced, handoffs, verdicts, rule_ids, citations, flags, words)
  VALUES (
    k, NEW.conversation_id, NEW.channel, coalesce(NEW.account_id, NEW.payload ->> 'accountId'), NEW.at, NEW.at, 1,
    (NEW.kind = 'inbound')::int, (NEW.kind = 'outbound')::int,
    (is_decision AND verdict = 'block')::int, (is_decision AND verdict = 'defer')::int, (is_decision AND verdict = 'suppress')::int,
    (is_decision AND coalesce(jsonb_typeof(NEW.payload -> 'decision' -> 'replacedDraft') = 'object', false))::int,
    (NEW.kind = 'handoff')::int,
    CASE WHEN is_decision AND verdict IS NOT NULL THEN ARRAY[verdict] ELSE '{}' END,
    CASE WHEN is_decision THEN parley_decision_rules(NEW.payload, 'ruleId') ELSE '{}' END,
    CASE WHEN is_decision THEN parley_decision_rules(NEW.payload, 'citation') ELSE '{}' END,
    CASE WHEN NEW.kind = 'flag-change' AND NEW.payload ->> 'field' IS NOT NULL THEN ARRAY[NEW.payload ->> 'field'] ELSE '{}' END,
    parley_event_words(NEW.kind, NEW.payload))
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
    flags = parley_sorted_union(c.flags, EXCLUDED.flags),
    words = CASE WHEN EXCLUDED.words = ''::tsvector THEN c.words ELSE c.words || EXCLUDED.words END;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION parley_console_rebuild(key_like text DEFAULT '%') RETURNS integer
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
           count(*) FILTER (WHERE is_decision AND jsonb_typeof(payload -> 'decision' -> 'replacedDraft') = 'object')::int AS replaced,
           count(*) FILTER (WHERE kind = 'handoff')::int AS handoffs,
           coalesce(array_agg(DISTINCT verdict ORDER BY verdict) FILTER (WHERE is_decision AND verdict IS NOT NULL), '{}') AS verdicts,
           coalesce(array_agg(DISTINCT payload ->> 'field' ORDER BY payload ->> 'field') FILTER (WHERE kind = 'flag-change' AND payload ->> 'field' IS NOT NULL), '{}') AS flags,
           to_tsvector('simple', coalesce(string_agg(parley_event_text(payload), ' ' ORDER BY at, seq) FILTER (WHERE kind IN ('inbound', 'outbound', 'decision')), '')) AS words
      FROM scoped GROUP BY k
  ), rules AS (
    SELECT k, array_agg(DISTINCT r ORDER BY r) AS rule_ids
      FROM scoped, unnest(parley_decision_rules(payload, 'ruleId')) AS r WHERE is_decision GROUP BY k
  ), cites AS (
    SELECT k, array_agg(DISTINCT r ORDER BY r) AS citations
      FROM scoped, unnest(parley_decision_rules(payload, 'citation')) AS r WHERE is_decision GROUP BY k
  )
  INSERT INTO console_conversations (conv_key, conversation_id, channel, account_id, first_at, last_at, events, inbound, outbound,
                                     blocked, deferred, suppressed, replaced, handoffs, verdicts, rule_ids, citations, flags, words)
  SELECT b.k, b.conversation_id, b.channel, b.account_id, b.first_at, b.last_at, b.events, b.inbound, b.outbound,
         b.blocked, b.deferred, b.suppressed, b.replaced, b.handoffs, b.verdicts,
         coalesce(r.rule_ids, '{}'), coalesce(c.citations, '{}'), b.flags, b.words
    FROM base b LEFT JOIN rules r ON r.k = b.k LEFT JOIN cites c ON c.k = b.k;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;

SELECT parley_console_rebuild();

-- Decision lists: by verdict newest first, by rule id, and model drafts the gate replaced.
CREATE INDEX audit_events_verdict_at_idx ON audit_events ((payload -> 'decision' ->> 'verdict'), at) WHERE kind IN ('outbound', 'decision');
CREATE INDEX audit_events_rules_idx ON audit_events USING gin (parley_decision_rules(payload, 'ruleId')) WHERE kind IN ('outbound', 'decision');
-- The dashboard counts messages per day and channel from the index alone.
DROP INDEX audit_events_kind_at_idx;
CREATE INDEX audit_events_kind_at_idx ON audit_events (kind, at) INCLUDE (channel);
CREATE INDEX audit_events_replaced_at_idx ON audit_events (at) WHERE kind IN ('outbound', 'decision') AND jsonb_typeof(payload -> 'decision' -> 'replacedDraft') = 'object';
