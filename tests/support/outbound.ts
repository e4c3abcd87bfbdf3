// Outbound test helpers: a records harness on PostgreSQL or PGlite, and fake channel senders that record calls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOutboundRecords, openRecordsStore, type OutboundRecords, type SmsSendResult, type SqlRecordsStore, type TeamsDeliveryResult } from '../../adapters/index.js';
import { createTestDatabase } from './postgres.js';

export interface OutboundHarness {
  kind: 'PostgreSQL' | 'PGlite';
  records: SqlRecordsStore;
  outbound: OutboundRecords;
  /** The PostgreSQL URL, for a second instance on the same database. */
  url?: string;
  close(): Promise<void>;
}

export async function openOutboundHarness(kind: 'PostgreSQL' | 'PGlite', label: string): Promise<OutboundHarness> {
  if (kind === 'PostgreSQL') {
    const database = await createTestDatabase(label);
    const records = await openRecordsStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
    return {
      kind,
      records,
      outbound: createOutboundRecords(records.sql, { instanceId: 'test-a' }),
      url: database.url,
      async close() {
        await records.close();
        await database.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `parley-${label}-`));
  const records = await openRecordsStore({ dataDir: dir });
  return {
    kind,
    records,
    outbound: createOutboundRecords(records.sql, { instanceId: 'test-a' }),
    async close() {
      await records.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SmsCall {
  to: string;
  text: string;
  accountId?: string;
}

/** An SMS sender that records each text; `respond` decides the result (sent by default), `before` runs first. */
export class FakeSms {
  readonly calls: SmsCall[] = [];
  respond: (call: SmsCall) => SmsSendResult = () => ({ status: 'sent', messageSids: [`SM${this.calls.length}`], parts: 1 });
  before?: (call: SmsCall) => Promise<void>;

  sendText = async (to: string, text: string, meta: { accountId?: string } = {}): Promise<SmsSendResult> => {
    const call = { to, text, ...(meta.accountId ? { accountId: meta.accountId } : {}) };
    await this.before?.(call);
    this.calls.push(call);
    return this.respond(call);
  };
}

export class FakeTeams {
  readonly calls: { reference: unknown; text: string }[] = [];
  respond: () => TeamsDeliveryResult = () => ({ status: 'sent', activityIds: [`act-${this.calls.length}`] });

  send = async (reference: unknown, message: unknown): Promise<TeamsDeliveryResult> => {
    this.calls.push({ reference, text: typeof message === 'string' ? message : String((message as { text?: string }).text) });
    return this.respond();
  };
}

export const company = { collectorName: 'Northwind Recovery Services', contactPhone: '1-800-555-0100', hours: 'Monday to Friday, 8 a.m. to 8 p.m. Eastern' };
