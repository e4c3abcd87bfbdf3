import { z } from 'zod';

export const EVIDENCE_FORMAT = 'parley-evidence/1';
export const EXPORT_FORMATS = ['jsonl', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FILE_NAMES: Readonly<Record<ExportFormat, string>> = {
  jsonl: 'events.jsonl',
  csv: 'transcript.csv',
  pdf: 'transcript.pdf',
};

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(EVIDENCE_FORMAT),
  exportId: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  source: z.string(),
  masked: z.boolean(),
  filters: z.record(z.string(), z.unknown()).nullable(),
  conversations: z.array(z.object({ key: z.string(), events: z.number().int(), chainVerified: z.boolean() })),
  hashAlgorithm: z.string(),
  files: z.array(z.object({ name: z.string().regex(/^[a-z0-9._-]+$/), bytes: z.number().int().nonnegative(), sha256 })),
  chains: z.array(
    z.object({ chainId: z.string(), firstSeq: z.number().int(), lastSeq: z.number().int(), firstPrevHash: sha256, lastHash: sha256, events: z.number().int() }),
  ),
  events: z.array(z.object({ id: z.string(), chainId: z.string(), seq: z.number().int(), hash: sha256 })),
});
export type EvidenceManifest = z.output<typeof manifestSchema>;

/** One line of events.jsonl: the stored event with every hashed field, plus where it belongs. */
export interface ExportedEvent {
  id: string;
  chainId: string;
  seq: number;
  kind: string;
  accountId: string | null;
  conversationId: string | null;
  channel: string | null;
  payload: Record<string, unknown>;
  at: string;
  prevHash: string;
  hash: string;
  conversation: string;
  /** True when personal data in the payload was masked for this export: the hash is then the stored one, not recomputable. */
  masked: boolean;
}

export const HASH_ALGORITHM =
  'sha256 (hex) of the canonical JSON (keys sorted at every depth, no whitespace) of {accountId, at (ISO-8601 UTC with milliseconds), chainId, channel, conversationId, id, kind, payload, prevHash, seq}, absent fields as null';
