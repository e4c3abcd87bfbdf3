import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../sql-client.js';

/**
 * How much riskier than an ordinary conversation one is for QA: blocked or suppressed messages,
 * model drafts the gate replaced, hand-offs, and the rights and vulnerabilities a consumer raised.
 * A conversation with none of them still has weight 1, so every conversation can be drawn.
 */
export const RISK_WEIGHTS = {
  blocked: 4,
  suppressed: 3,
  deferred: 1,
  replaced: 4,
  handoff: 3,
  dispute: 6,
  crisis: 8,
  cease: 3,
  attorney: 3,
  optOuts: 2,
  wrongPerson: 3,
  bankruptcy: 3,
  deceased: 3,
} as const;

const FLAG_WEIGHTS = ['dispute', 'crisis', 'cease', 'attorney', 'optOuts', 'wrongPerson', 'bankruptcy', 'deceased'] as const;

/** The weight as SQL over console_conversations c (counts saturate so one noisy conversation does not swamp the draw). */
export const RISK_WEIGHT_SQL = `(1
  + ${RISK_WEIGHTS.blocked} * least(c.blocked, 3)
  + ${RISK_WEIGHTS.suppressed} * least(c.suppressed, 3)
  + ${RISK_WEIGHTS.deferred} * least(c.deferred, 3)
  + ${RISK_WEIGHTS.replaced} * least(c.replaced, 3)
  + ${RISK_WEIGHTS.handoff} * least(c.handoffs, 2)
  ${FLAG_WEIGHTS.map((flag) => `+ CASE WHEN c.flags @> ARRAY['${flag}'] THEN ${RISK_WEIGHTS[flag]} ELSE 0 END`).join('\n  ')})`;

export function riskReasons(c: { blocked: number; suppressed: number; deferred: number; replaced: number; handoffs: number; flags: readonly string[] }): string[] {
  const reasons: string[] = [];
  if (c.blocked) reasons.push(`${c.blocked} blocked`);
  if (c.suppressed) reasons.push(`${c.suppressed} suppressed`);
  if (c.deferred) reasons.push(`${c.deferred} deferred`);
  if (c.replaced) reasons.push(`${c.replaced} model draft${c.replaced === 1 ? '' : 's'} replaced`);
  if (c.handoffs) reasons.push(`${c.handoffs} hand-off${c.handoffs === 1 ? '' : 's'}`);
  for (const flag of FLAG_WEIGHTS) if (c.flags.includes(flag)) reasons.push(flag);
  return reasons;
}

export interface Review {
  id: string;
  key: string;
  weight: number;
  reasons: string[];
  sampledAt: Date;
  sampledBy: string;
  signedAt?: Date;
  signedBy?: string;
  outcome?: ReviewOutcome;
  notes?: string;
}

export type ReviewOutcome = 'compliant' | 'finding' | 'escalated';

interface Row {
  id: string;
  conv_key: string;
  weight: number;
  reasons: string[];
  sampled_at: Date;
  sampled_by: string;
  signed_at: Date | null;
  signed_by: string | null;
  outcome: ReviewOutcome | null;
  notes: string | null;
}

function toReview(row: Row): Review {
  return {
    id: row.id,
    key: row.conv_key,
    weight: row.weight,
    reasons: row.reasons,
    sampledAt: row.sampled_at,
    sampledBy: row.sampled_by,
    ...(row.signed_at ? { signedAt: row.signed_at } : {}),
    ...(row.signed_by ? { signedBy: row.signed_by } : {}),
    ...(row.outcome ? { outcome: row.outcome } : {}),
    ...(row.notes ? { notes: row.notes } : {}),
  };
}

export class ReviewError extends Error {}

/** A small seeded generator (mulberry32), so a sample can be drawn again from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SampleRequest {
  size: number;
  from: Date;
  to: Date;
  by: string;
  at: Date;
  /** Default: drawn from the clock. Recorded so the draw can be repeated. */
  seed?: number;
}

const CANDIDATE_LIMIT = 100_000;

export interface Reviews {
  /**
   * Draws `size` conversations active in [from, to) not reviewed before, each with probability
   * proportional to its risk weight, without replacement (Efraimidis–Spirakis: the largest u^(1/w)).
   */
  sample(request: SampleRequest): Promise<{ seed: number; candidates: number; reviews: Review[] }>;
  signOff(id: string, input: { by: string; at: Date; outcome: ReviewOutcome; notes?: string }): Promise<Review>;
  list(options?: { open?: boolean; limit?: number }): Promise<Review[]>;
  get(id: string): Promise<Review | undefined>;
}

export function createReviews(client: SqlClient): Reviews {
  return {
    async sample({ size, from, to, by, at, seed }) {
      if (!Number.isInteger(size) || size < 1 || size > 500) throw new ReviewError('A sample holds 1 to 500 conversations.');
      const drawSeed = seed ?? at.getTime() % 2_147_483_647;
      const candidates = await client.query<{ conv_key: string; weight: number; blocked: number; suppressed: number; deferred: number; replaced: number; handoffs: number; flags: string[] }>(
        `SELECT c.conv_key, ${RISK_WEIGHT_SQL}::float8 AS weight, c.blocked, c.suppressed, c.deferred, c.replaced, c.handoffs, c.flags
           FROM console_conversations c
          WHERE c.last_at >= $1::timestamptz AND c.last_at < $2::timestamptz
            AND NOT EXISTS (SELECT 1 FROM console_reviews r WHERE r.conv_key = c.conv_key)
          ORDER BY c.conv_key
          LIMIT ${CANDIDATE_LIMIT}`,
        [from.toISOString(), to.toISOString()],
      );
      const random = seededRandom(drawSeed);
      const drawn = candidates
        .map((candidate) => ({ candidate, key: Math.log(Math.max(random(), Number.MIN_VALUE)) / candidate.weight }))
        .sort((a, b) => b.key - a.key)
        .slice(0, size)
        .map((entry) => entry.candidate);
      const reviews = await client.transaction(async (tx) => {
        const created: Review[] = [];
        for (const candidate of drawn) {
          const [row] = await tx.query<Row>(
            `INSERT INTO console_reviews (id, conv_key, weight, reasons, sampled_at, sampled_by)
             VALUES ($1, $2, $3, ARRAY(SELECT jsonb_array_elements_text($4::jsonb)), $5::timestamptz, $6) RETURNING *`,
            [randomUUID(), candidate.conv_key, candidate.weight, JSON.stringify(riskReasons(candidate)), at.toISOString(), by],
          );
          if (row) created.push(toReview(row));
        }
        return created;
      });
      return { seed: drawSeed, candidates: candidates.length, reviews };
    },
    async signOff(id, { by, at, outcome, notes }) {
      const [row] = await client.query<Row>(
        `UPDATE console_reviews SET signed_at = $2::timestamptz, signed_by = $3, outcome = $4, notes = $5
          WHERE id = $1 AND signed_at IS NULL RETURNING *`,
        [id, at.toISOString(), by, outcome, notes?.trim() || null],
      );
      if (!row) throw new ReviewError(`Review ${id} is not waiting for a sign-off (unknown or already signed).`);
      return toReview(row);
    },
    async list({ open, limit } = {}) {
      const rows = await client.query<Row>(
        `SELECT * FROM console_reviews ${open === true ? 'WHERE signed_at IS NULL' : open === false ? 'WHERE signed_at IS NOT NULL' : ''}
          ORDER BY sampled_at DESC, weight DESC LIMIT $1`,
        [Math.min(Math.max(limit ?? 100, 1), 500)],
      );
      return rows.map(toReview);
    },
    async get(id) {
      if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
      const [row] = await client.query<Row>('SELECT * FROM console_reviews WHERE id = $1', [id]);
      return row ? toReview(row) : undefined;
    },
  };
}
