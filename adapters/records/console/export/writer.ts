import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { verifyAuditChains } from '../../audit-trail.js';
import type { SqlClient } from '../../sql-client.js';
import { maskPayload } from '../mask.js';
import { loadConversation, transcriptView } from '../transcript.js';
import type { ConsoleActor } from '../access.js';
import { csvHeader, csvRow } from './csv.js';
import { EVIDENCE_FORMAT, FILE_NAMES, HASH_ALGORITHM, type EvidenceManifest, type ExportFormat, type ExportedEvent } from './manifest.js';
import { TranscriptPdf } from './pdf.js';

export interface ExportRequest {
  /** An empty or missing directory; the files and manifest.json are written into it. */
  dir: string;
  /** The conversations to export, in order. */
  keys: readonly string[];
  formats: readonly ExportFormat[];
  masked: boolean;
  actor: ConsoleActor;
  at: Date;
  source: string;
  filters?: Record<string, unknown> | null;
  checkpointKey?: string;
  /** After each conversation: how many of how many are written. */
  onProgress?: (done: number, total: number) => void;
}

class LineWriter {
  private readonly stream: fs.WriteStream;
  constructor(file: string) {
    this.stream = fs.createWriteStream(file, { flags: 'wx' });
  }
  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Writes an evidence export: events.jsonl (the stored events, every hashed field), transcript.csv,
 * transcript.pdf, and manifest.json with each file's sha256 and the chain hashes of every exported
 * event. Conversations are read one at a time, so an export of thousands stays small in memory.
 */
export async function writeEvidenceExport(client: SqlClient, request: ExportRequest): Promise<EvidenceManifest> {
  fs.mkdirSync(request.dir, { recursive: true });
  if (fs.readdirSync(request.dir).length > 0) throw new Error(`The export directory ${request.dir} is not empty.`);
  const formats = new Set(request.formats);
  const exportId = randomUUID();
  const jsonl = formats.has('jsonl') ? new LineWriter(path.join(request.dir, FILE_NAMES.jsonl)) : undefined;
  const csv = formats.has('csv') ? new LineWriter(path.join(request.dir, FILE_NAMES.csv)) : undefined;
  await csv?.write(csvHeader());

  const conversations: EvidenceManifest['conversations'] = [];
  const events: EvidenceManifest['events'] = [];
  const chains = new Map<string, EvidenceManifest['chains'][number]>();
  const createdBy = `${request.actor.name} (${request.actor.role})`;
  let done = 0;

  const pdf = formats.has('pdf')
    ? new TranscriptPdf(fs.createWriteStream(path.join(request.dir, FILE_NAMES.pdf), { flags: 'wx' }), { exportId, createdAt: request.at.toISOString(), createdBy, masked: request.masked })
    : undefined;

  try {
    for (const key of request.keys) {
      const records = await loadConversation(client, key);
      if (!records) continue;
      const check = await verifyAuditChains(client, { chainId: key, checkpointKey: request.checkpointKey });
      conversations.push({ key, events: records.events.length, chainVerified: check.ok });
      for (const event of records.events) {
        const line: ExportedEvent = {
          id: event.id,
          chainId: event.chainId,
          seq: event.seq,
          kind: event.kind,
          accountId: event.accountId ?? null,
          conversationId: event.conversationId ?? null,
          channel: event.channel ?? null,
          payload: request.masked ? maskPayload(event.payload) : event.payload,
          at: event.at.toISOString(),
          prevHash: event.prevHash,
          hash: event.hash,
          conversation: key,
          masked: request.masked,
        };
        await jsonl?.write(`${JSON.stringify(line)}\n`);
        events.push({ id: event.id, chainId: event.chainId, seq: event.seq, hash: event.hash });
        const chain = chains.get(event.chainId);
        if (!chain) chains.set(event.chainId, { chainId: event.chainId, firstSeq: event.seq, lastSeq: event.seq, firstPrevHash: event.prevHash, lastHash: event.hash, events: 1 });
        else {
          if (event.seq < chain.firstSeq) Object.assign(chain, { firstSeq: event.seq, firstPrevHash: event.prevHash });
          if (event.seq > chain.lastSeq) Object.assign(chain, { lastSeq: event.seq, lastHash: event.hash });
          chain.events += 1;
        }
      }
      const view = transcriptView(records, request.masked);
      if (csv) for (const entry of view.entries) await csv.write(csvRow(key, entry));
      pdf?.add(view, check.ok);
      done += 1;
      request.onProgress?.(done, request.keys.length);
    }
  } finally {
    await Promise.all([jsonl?.close(), csv?.close(), pdf?.end()]);
  }

  const files: EvidenceManifest['files'] = [];
  for (const format of ['jsonl', 'csv', 'pdf'] as const) {
    if (!formats.has(format)) continue;
    files.push({ name: FILE_NAMES[format], ...(await fileDigest(path.join(request.dir, FILE_NAMES[format]))) });
  }
  const manifest: EvidenceManifest = {
    format: EVIDENCE_FORMAT,
    exportId,
    createdAt: request.at.toISOString(),
    createdBy: { id: request.actor.id, name: request.actor.name, role: request.actor.role },
    source: request.source,
    masked: request.masked,
    filters: request.filters ?? null,
    conversations,
    hashAlgorithm: HASH_ALGORITHM,
    files,
    chains: [...chains.values()].sort((a, b) => (a.chainId < b.chainId ? -1 : a.chainId > b.chainId ? 1 : 0)),
    events,
  };
  fs.writeFileSync(path.join(request.dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`, { flag: 'wx' });
  return manifest;
}
