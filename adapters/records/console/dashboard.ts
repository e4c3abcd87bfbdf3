import type { SqlClient } from '../sql-client.js';

export interface DashboardRange {
  from: Date;
  to: Date;
}

export interface Dashboard {
  range: { from: string; to: string };
  /** Messages (inbound and outbound) per UTC day and channel. */
  messagesByChannel: Array<{ day: string; channel: string; count: number }>;
  /** Rules that stopped, deferred or changed a message, most frequent first. */
  decisionsByRule: Array<{ ruleId: string; citation: string; count: number }>;
  /** Deferred, blocked and suppressed messages, and replaced model drafts, per day. */
  interventions: Array<{ day: string; deferred: number; blocked: number; suppressed: number; replaced: number }>;
  /** Rights and situations recognized (flag changes), per day and field. */
  flagChanges: Array<{ day: string; field: string; count: number }>;
  handoffs: {
    perDay: Array<{ day: string; count: number }>;
    waiting: number;
    claimed: number;
    /** Minutes from request to claim, over hand-offs claimed in the range. */
    waitMinutes: { p50: number | null; p90: number | null; max: number | null };
  };
  totals: { conversations: number; messages: number; decisions: number };
}

const day = (column: string) => `to_char(date_trunc('day', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;

/** The oversight figures for a range; every query is bounded by the range and served by (kind, at). */
export async function dashboard(client: SqlClient, range: DashboardRange): Promise<Dashboard> {
  const params = [range.from.toISOString(), range.to.toISOString()];
  const inRange = `e.at >= $1::timestamptz AND e.at < $2::timestamptz`;
  const [messages, rules, interventions, flags, handoffsPerDay, waits, totals] = await Promise.all([
    client.query<{ day: string; channel: string; count: number }>(
      `SELECT ${day('e.at')} AS day, coalesce(e.channel, 'unknown') AS channel, count(*)::int AS count
         FROM audit_events e WHERE e.kind IN ('inbound', 'outbound') AND ${inRange}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    ),
    client.query<{ rule_id: string; citation: string; count: number }>(
      `SELECT v ->> 'ruleId' AS rule_id, min(v ->> 'citation') AS citation, count(*)::int AS count
         FROM audit_events e,
              jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload -> 'decision' -> 'violations') = 'array' THEN e.payload -> 'decision' -> 'violations' ELSE '[]'::jsonb END
                                || CASE WHEN jsonb_typeof(e.payload -> 'decision' -> 'replacedDraft' -> 'violations') = 'array' THEN e.payload -> 'decision' -> 'replacedDraft' -> 'violations' ELSE '[]'::jsonb END) AS v
        WHERE e.kind IN ('outbound', 'decision') AND ${inRange} AND v ->> 'ruleId' IS NOT NULL
        GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 25`,
      params,
    ),
    client.query<{ day: string; deferred: number; blocked: number; suppressed: number; replaced: number }>(
      `SELECT ${day('e.at')} AS day,
              count(*) FILTER (WHERE e.payload -> 'decision' ->> 'verdict' = 'defer')::int AS deferred,
              count(*) FILTER (WHERE e.payload -> 'decision' ->> 'verdict' = 'block')::int AS blocked,
              count(*) FILTER (WHERE e.payload -> 'decision' ->> 'verdict' = 'suppress')::int AS suppressed,
              count(*) FILTER (WHERE jsonb_typeof(e.payload -> 'decision' -> 'replacedDraft') = 'object')::int AS replaced
         FROM audit_events e WHERE e.kind IN ('outbound', 'decision') AND ${inRange}
        GROUP BY 1 ORDER BY 1`,
      params,
    ),
    client.query<{ day: string; field: string; count: number }>(
      `SELECT ${day('e.at')} AS day, e.payload ->> 'field' AS field, count(*)::int AS count
         FROM audit_events e WHERE e.kind = 'flag-change' AND ${inRange} AND e.payload ->> 'field' IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    ),
    client.query<{ day: string; count: number }>(
      `SELECT ${day('e.at')} AS day, count(*)::int AS count FROM audit_events e WHERE e.kind = 'handoff' AND ${inRange} GROUP BY 1 ORDER BY 1`,
      params,
    ),
    client.query<{ waiting: number; claimed: number; p50: number | null; p90: number | null; max: number | null }>(
      `SELECT count(*) FILTER (WHERE claimed_at IS NULL AND resolved_at IS NULL)::int AS waiting,
              count(*) FILTER (WHERE claimed_at IS NOT NULL)::int AS claimed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - requested_at) / 60) FILTER (WHERE claimed_at IS NOT NULL) AS p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - requested_at) / 60) FILTER (WHERE claimed_at IS NOT NULL) AS p90,
              max(extract(epoch FROM claimed_at - requested_at) / 60) AS max
         FROM console_handoffs WHERE requested_at >= $1::timestamptz AND requested_at < $2::timestamptz`,
      params,
    ),
    client.query<{ conversations: number; messages: number; decisions: number }>(
      `SELECT (SELECT count(*) FROM console_conversations c WHERE c.last_at >= $1::timestamptz AND c.first_at < $2::timestamptz)::int AS conversations,
              (SELECT count(*) FROM audit_events e WHERE e.kind IN ('inbound', 'outbound') AND ${inRange})::int AS messages,
              (SELECT count(*) FROM audit_events e WHERE e.kind IN ('outbound', 'decision') AND ${inRange})::int AS decisions`,
      params,
    ),
  ]);
  const wait = waits[0];
  const round = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    messagesByChannel: messages,
    decisionsByRule: rules.map((row) => ({ ruleId: row.rule_id, citation: row.citation, count: row.count })),
    interventions,
    flagChanges: flags,
    handoffs: {
      perDay: handoffsPerDay,
      waiting: wait?.waiting ?? 0,
      claimed: wait?.claimed ?? 0,
      waitMinutes: { p50: round(wait?.p50), p90: round(wait?.p90), max: round(wait?.max) },
    },
    totals: totals[0] ?? { conversations: 0, messages: 0, decisions: 0 },
  };
}
