import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { auditEventHash } from '../../audit-hash.js';
import type { JsonValue } from '../../canonical-json.js';
import { FILE_NAMES, manifestSchema, type EvidenceManifest, type ExportedEvent } from './manifest.js';

export type ExportVerification =
  | { ok: true; manifestSha256: string; files: number; events: number; recomputed: number; masked: number; chains: number; exportId: string }
  | { ok: false; file: string; reason: string };

/** The files of an export: a directory, or a .zip of one (as the console's download). */
function readExport(location: string): Map<string, Buffer> {
  const stat = fs.statSync(location);
  const files = new Map<string, Buffer>();
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(location)) {
      const full = path.join(location, name);
      if (fs.statSync(full).isFile()) files.set(name, fs.readFileSync(full));
    }
    return files;
  }
  const entries = unzipSync(new Uint8Array(fs.readFileSync(location)));
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    files.set(path.posix.basename(name), Buffer.from(data));
  }
  return files;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function fail(file: string, reason: string): ExportVerification {
  return { ok: false, file, reason };
}

/**
 * Checks an evidence export: every file the manifest lists is there with its size and sha256, no
 * other file was added, every event in events.jsonl is listed in the manifest with the same chain
 * hash, unmasked events recompute to that hash, and consecutive events of a chain link to each other.
 * Stops at the first problem and names the file.
 */
export function verifyEvidenceExport(location: string): ExportVerification {
  let files: Map<string, Buffer>;
  try {
    files = readExport(location);
  } catch (error) {
    return fail(location, `cannot be read as an export directory or zip: ${error instanceof Error ? error.message : String(error)}`);
  }
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes) return fail('manifest.json', 'is missing');
  let manifest: EvidenceManifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(manifestBytes.toString('utf8')));
    if (!parsed.success) return fail('manifest.json', `is not a Parley evidence manifest: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    manifest = parsed.data;
  } catch (error) {
    return fail('manifest.json', `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }

  for (const listed of manifest.files) {
    const data = files.get(listed.name);
    if (!data) return fail(listed.name, 'is listed in the manifest but missing');
    if (data.length !== listed.bytes) return fail(listed.name, `has ${data.length} bytes, the manifest says ${listed.bytes}: it was changed`);
    if (sha256(data) !== listed.sha256) return fail(listed.name, 'does not match its sha256 in the manifest: it was changed');
  }
  for (const name of [...files.keys()].sort()) {
    if (name !== 'manifest.json' && !manifest.files.some((listed) => listed.name === name)) return fail(name, 'is not listed in the manifest: it was added');
  }

  const listedEvents = new Map(manifest.events.map((event) => [event.id, event]));
  let recomputed = 0;
  let masked = 0;
  let count = 0;
  const jsonl = files.get(FILE_NAMES.jsonl);
  if (jsonl && manifest.files.some((listed) => listed.name === FILE_NAMES.jsonl)) {
    const byChain = new Map<string, Map<number, ExportedEvent>>();
    const lines = jsonl.toString('utf8').split('\n');
    for (const [index, text] of lines.entries()) {
      if (!text) continue;
      let event: ExportedEvent;
      try {
        event = JSON.parse(text) as ExportedEvent;
      } catch {
        return fail(FILE_NAMES.jsonl, `line ${index + 1} is not JSON`);
      }
      count += 1;
      const listed = listedEvents.get(event.id);
      if (!listed || listed.hash !== event.hash || listed.chainId !== event.chainId || listed.seq !== event.seq) {
        return fail(FILE_NAMES.jsonl, `line ${index + 1} (event ${event.id}) does not match the chain hash recorded in the manifest`);
      }
      if (event.masked) masked += 1;
      else {
        const hash = auditEventHash({
          id: event.id,
          chainId: event.chainId,
          seq: event.seq,
          kind: event.kind,
          accountId: event.accountId,
          conversationId: event.conversationId,
          channel: event.channel,
          payload: event.payload as { [key: string]: JsonValue },
          at: new Date(event.at),
          prevHash: event.prevHash,
        });
        if (hash !== event.hash) return fail(FILE_NAMES.jsonl, `line ${index + 1} (event ${event.id}, ${event.chainId} seq ${event.seq}) no longer matches its hash: it was edited`);
        recomputed += 1;
      }
      const chain = byChain.get(event.chainId) ?? new Map<number, ExportedEvent>();
      chain.set(event.seq, event);
      byChain.set(event.chainId, chain);
    }
    if (count !== manifest.events.length) return fail(FILE_NAMES.jsonl, `holds ${count} events, the manifest lists ${manifest.events.length}`);
    for (const [chainId, events] of byChain) {
      for (const [seq, event] of events) {
        const before = events.get(seq - 1);
        if (before && before.hash !== event.prevHash) return fail(FILE_NAMES.jsonl, `${chainId} seq ${seq} does not link to seq ${seq - 1}: the chain was altered`);
      }
    }
  }
  return {
    ok: true,
    manifestSha256: sha256(manifestBytes),
    files: manifest.files.length,
    events: manifest.events.length,
    recomputed,
    masked,
    chains: manifest.chains.length,
    exportId: manifest.exportId,
  };
}
