// The transcript runner: conversations as data (tests/transcripts/*.yaml, format in its README),
// driven through /api/messages with a pinned clock, checked against speech acts, flags and audit.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Duration } from 'luxon';
import { parse } from 'yaml';
import { z } from 'zod';
import { checkDraft, consumerFlagsSchema, parseAccount, type Account, type AccountInput, type ConsumerFlags } from '../../guardrails/index.js';
import { describeSpeechAct, isSpeechActId } from '../../knowledge/index.js';
import type { RunningParley } from '../../bot/server/serve.js';

export const transcriptsDir = path.resolve(import.meta.dirname, '../transcripts');
const repositoryRoot = path.resolve(transcriptsDir, '../..');

const expectSchema = z.strictObject({
  acts: z.array(z.string()).optional(),
  actsInclude: z.array(z.string()).optional(),
  phrases: z.array(z.string()).optional(),
  absent: z.array(z.string()).optional(),
  nothingRevealed: z.boolean().optional(),
  noReply: z.boolean().optional(),
  flags: z.record(z.string(), z.unknown()).optional(),
  flagsOf: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  audit: z.array(z.string()).optional(),
  auditAbsent: z.array(z.string()).optional(),
  handoff: z.boolean().optional(),
  language: z.enum(['en', 'es']).optional(),
  attachment: z.array(z.string()).optional(),
});

const stepSchema = z.union([
  z.strictObject({ consumer: z.string(), expect: expectSchema.default({}) }),
  z.strictObject({ advance: z.string().refine((value) => Duration.fromISO(value).isValid, { error: 'must be an ISO 8601 duration, e.g. PT2H' }) }),
]);

const accountSource = z.union([z.string(), z.record(z.string(), z.unknown())]);

export const transcriptSchema = z.strictObject({
  name: z.string(),
  language: z.enum(['en', 'es']).default('en'),
  channel: z.enum(['webchat', 'sms', 'teams']).default('webchat'),
  clock: z.iso.datetime({ offset: true }),
  /** One account, or several (two people sharing a phone): the first is the one `flags` and `{ref}` mean. */
  account: z.union([accountSource, z.array(accountSource).min(1)]),
  /** On SMS: write from the first account's number (default) or from a number on no file. */
  from: z.enum(['account', 'unknown']).default('account'),
  /** Fixture account ids whose creditors and balance must never appear in any reply of the conversation. */
  conceal: z.array(z.string()).default([]),
  flags: z.record(z.string(), z.unknown()).default({}),
  steps: z.array(stepSchema).min(1),
});
export type Transcript = z.output<typeof transcriptSchema>;
export type TranscriptInput = z.input<typeof transcriptSchema>;

export function loadTranscripts(): Array<{ file: string; transcript: Transcript }> {
  return readdirSync(transcriptsDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, transcript: checkTranscript(parse(readFileSync(path.join(transcriptsDir, file), 'utf8')), file) }));
}

/** Validates a transcript (from a file or built by a test), naming the file and the field that is wrong. */
export function checkTranscript(input: unknown, label: string): Transcript {
  const parsed = transcriptSchema.safeParse(input);
  if (!parsed.success) throw new Error(`${label}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  for (const step of parsed.data.steps) {
    if (!('consumer' in step)) continue;
    for (const act of [...(step.expect.acts ?? []), ...(step.expect.actsInclude ?? [])]) if (!isSpeechActId(act)) throw new Error(`${label}: unknown speech act ${act}`);
  }
  return parsed.data;
}

let phoneCounter = 0;

/**
 * A number no other run uses, in the same country and range, so transcripts sharing one server never
 * find each other's accounts by phone.
 */
function uniquePhone(number: string): string {
  phoneCounter += 1;
  if (number.startsWith('+1')) return `${number.slice(0, 5)}555${String(1000 + (phoneCounter % 9000))}`;
  // Ofcom's drama range, 020 7946 0000-0999.
  if (number.startsWith('+44')) return `+442079460${String(phoneCounter % 1000).padStart(3, '0')}`;
  return number;
}

interface RunAccount {
  /** The fixture's own id, as transcripts name it (flagsOf, conceal). */
  fixtureId: string;
  account: Account;
}

/** Each run gets its own account ids and phone numbers; accounts that share a number in the fixtures share one here too. */
function accountsFor(transcript: Transcript, runId: string): RunAccount[] {
  const sources = Array.isArray(transcript.account) ? transcript.account : [transcript.account];
  const phoneMap = new Map<string, string>();
  return sources.map((source) => {
    const raw = (typeof source === 'string' ? JSON.parse(readFileSync(path.resolve(repositoryRoot, source), 'utf8')) : source) as AccountInput;
    const phones = (raw.consumer.phones ?? []).map((phone) => {
      if (!phoneMap.has(phone.number)) phoneMap.set(phone.number, uniquePhone(phone.number));
      return { ...phone, number: phoneMap.get(phone.number)! };
    });
    const parsed = parseAccount({ ...raw, accountId: `${raw.accountId}-${runId}`, consumer: { ...raw.consumer, phones } });
    if (!parsed.ok) throw new Error(`${transcript.name}: bad account fixture ${raw.accountId}: ${parsed.errors.join('; ')}`);
    return { fixtureId: raw.accountId, account: parsed.value };
  });
}

/** {ref}, {ref2}... the run's account ids; {phone}, {phone2}... their first numbers. */
function fillPlaceholders(text: string, accounts: readonly RunAccount[]): string {
  return text.replace(/\{(ref|phone)(\d*)\}/g, (whole, kind: string, index: string) => {
    const entry = accounts[index ? Number(index) - 1 : 0];
    if (!entry) throw new Error(`placeholder ${whole}: no account ${index || 1} in this transcript`);
    return kind === 'ref' ? entry.account.accountId : (entry.account.consumer.phones[0]?.number ?? '');
  });
}

function withPlaceholders(value: unknown, accounts: readonly RunAccount[]): unknown {
  if (typeof value === 'string') return fillPlaceholders(value, accounts);
  if (Array.isArray(value)) return value.map((item) => withPlaceholders(item, accounts));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withPlaceholders(item, accounts)]));
  return value;
}

/** What an account's record would give away: its creditors and its balance however it is written. */
function secretsOf(account: Account): string[] {
  const major = account.debt.currentBalance / 100;
  const grouped = major.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return [account.currentCreditor, account.originalCreditor, grouped, grouped.replace(/,/g, '')];
}

/** Objects match partially, arrays by element ([] only an empty one), null only a missing value. */
function matchesSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null;
  if (typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) {
    if (expected.length === 0) return Array.isArray(actual) && actual.length === 0;
    return Array.isArray(actual) && expected.every((item) => actual.some((candidate) => matchesSubset(candidate, item)));
  }
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([key, value]) => matchesSubset((actual as Record<string, unknown>)[key], value));
}

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let index = 0;
  for (const item of haystack) if (item === needle[index]) index += 1;
  return index === needle.length;
}

interface Reply {
  text: string;
  speechAct?: string;
  locale?: string;
}

interface ActivityBody {
  type: string;
  text?: string;
  locale?: string;
  channelData?: { speechAct?: string };
  attachments?: Array<{ content?: unknown }>;
}

export interface TranscriptHarness {
  parley: RunningParley;
  setNow(at: Date): void;
  now(): Date;
}

async function handoffsOf(harness: TranscriptHarness, conversationId: string): Promise<number> {
  return (await harness.parley.handoff.list()).filter((request) => request.conversationId === conversationId).length;
}

/** Runs one transcript; throws an Error naming the step and what differed. */
export async function runTranscript(harness: TranscriptHarness, transcript: Transcript): Promise<void> {
  // A reference holds a digit (identity reads references so): the run id starts with one.
  const runId = `${1 + Math.floor(Math.random() * 9)}${randomUUID().slice(0, 7)}`;
  const accounts = accountsFor(transcript, runId);
  const primary = accounts[0]!.account;
  const byFixture = new Map(accounts.map((entry) => [entry.fixtureId, entry.account]));
  const concealed = transcript.conceal.map((id) => {
    const account = byFixture.get(id);
    if (!account) throw new Error(`${transcript.name}: conceal names ${id}, which is not one of the transcript's accounts`);
    return account;
  });
  const { records } = harness.parley;
  harness.setNow(new Date(transcript.clock));
  await records.accounts.upsertMany(accounts.map((entry) => entry.account));
  if (Object.keys(transcript.flags).length > 0) {
    const start = consumerFlagsSchema.parse(transcript.flags) as ConsumerFlags;
    await records.flags.update(primary.accountId, () => start);
  }
  const channelId = transcript.channel === 'teams' ? 'msteams' : transcript.channel;
  const conversationId = `t-${runId}`;
  const fromId =
    transcript.channel !== 'sms' ? `user-${runId}` : transcript.from === 'unknown' ? uniquePhone('+12025550100') : (primary.consumer.phones[0]?.number ?? '+16175550000');
  const chainId = `conv:${channelId}:${conversationId}`;
  let seenEvents = 0;

  for (const [index, step] of transcript.steps.entries()) {
    if ('advance' in step) {
      harness.setNow(new Date(harness.now().getTime() + Duration.fromISO(step.advance).toMillis()));
      continue;
    }
    const said = fillPlaceholders(step.consumer, accounts);
    const where = `${transcript.name}, step ${index + 1} ("${step.consumer}")`;
    const handoffsBefore = await handoffsOf(harness, conversationId);
    const response = await fetch(`${harness.parley.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: randomUUID(),
        channelId,
        serviceUrl: 'http://127.0.0.1:9/never-called',
        deliveryMode: 'expectReplies',
        conversation: { id: conversationId },
        from: { id: fromId },
        recipient: { id: 'parley' },
        text: said,
        locale: transcript.language === 'es' ? 'es-US' : 'en-US',
        timestamp: harness.now().toISOString(),
      }),
    });
    if (response.status !== 200) throw new Error(`${where}: /api/messages answered ${response.status}`);
    const body = (await response.json()) as { activities?: ActivityBody[] };
    const messages = (body.activities ?? []).filter((activity) => activity.type === 'message');
    const replies: Reply[] = messages
      .filter((activity) => activity.text)
      .map((activity) => ({ text: activity.text ?? '', speechAct: activity.channelData?.speechAct, locale: activity.locale }));
    const attachments = messages.flatMap((activity) => activity.attachments ?? []).map((attachment) => String(attachment.content ?? ''));
    const expect = step.expect;
    const acts = replies.map((reply) => reply.speechAct ?? '(no speech act)');
    const allText = replies.map((reply) => reply.text).join('\n');
    const fail = (what: string) => {
      throw new Error(`${where}: ${what}\n  replies: ${JSON.stringify(replies.map((reply) => `[${reply.speechAct}] ${reply.text}`), null, 2)}`);
    };

    if (expect.acts && JSON.stringify(acts) !== JSON.stringify(expect.acts)) fail(`expected acts ${JSON.stringify(expect.acts)}, got ${JSON.stringify(acts)}`);
    for (const act of expect.actsInclude ?? []) if (!acts.includes(act)) fail(`expected ${act} among the acts, got ${JSON.stringify(acts)}`);
    if (expect.noReply && replies.length > 0) fail('expected no reply');
    for (const phrase of expect.phrases ?? []) if (!allText.toLowerCase().includes(phrase.toLowerCase())) fail(`missing phrase "${phrase}"`);
    for (const phrase of expect.absent ?? []) if (allText.toLowerCase().includes(phrase.toLowerCase())) fail(`phrase "${phrase}" must not appear`);
    if (expect.nothingRevealed) {
      for (const reply of replies) {
        if (!reply.speechAct || !isSpeechActId(reply.speechAct)) fail(`a reply without a known speech act: ${reply.text}`);
        else if (describeSpeechAct(reply.speechAct).revealsDebt) fail(`${reply.speechAct} reveals the debt before verification`);
        const findings = checkDraft(reply.text, {
          language: reply.locale?.startsWith('es') ? 'es' : 'en',
          facts: { firstCommunication: true, identityVerified: false, initiatedBy: 'consumer' },
          at: harness.now(),
        });
        if (findings.length > 0) fail(`reply reveals something: ${findings.map((finding) => finding.reason).join('; ')}`);
      }
      for (const { account } of accounts) for (const secret of secretsOf(account)) if (allText.includes(secret)) fail(`"${secret}" revealed before verification`);
    }
    for (const account of concealed) for (const secret of secretsOf(account)) if (allText.includes(secret)) fail(`"${secret}" of another person's account revealed`);
    if (expect.language) for (const reply of replies) if (!reply.locale?.startsWith(expect.language)) fail(`reply in ${reply.locale ?? 'no locale'}, expected ${expect.language}`);
    for (const phrase of expect.attachment ?? []) if (!attachments.some((content) => content.includes(phrase))) fail(`no attachment holds "${phrase}" (${attachments.length} attachments)`);
    if (expect.flags) {
      const flags = await records.flags.get(primary.accountId);
      const expected = withPlaceholders(expect.flags, accounts);
      if (!matchesSubset(flags, expected)) fail(`flags ${JSON.stringify(flags)} do not include ${JSON.stringify(expected)}`);
    }
    for (const [fixtureId, raw] of Object.entries(expect.flagsOf ?? {})) {
      const expected = withPlaceholders(raw, accounts);
      const account = byFixture.get(fixtureId);
      if (!account) fail(`flagsOf names ${fixtureId}, which is not one of the transcript's accounts`);
      const flags = await records.flags.get(account!.accountId);
      if (!matchesSubset(flags, expected)) fail(`flags of ${fixtureId} ${JSON.stringify(flags)} do not include ${JSON.stringify(expected)}`);
    }
    const events = await records.audit.listChain(chainId);
    const appended = events.slice(seenEvents);
    seenEvents = events.length;
    const kinds = appended.map((event) => event.kind);
    if (expect.audit && !isSubsequence(expect.audit, kinds)) fail(`audit kinds ${JSON.stringify(kinds)} do not contain ${JSON.stringify(expect.audit)} in order`);
    if (expect.auditAbsent) {
      const recorded = JSON.stringify(appended.map((event) => event.payload));
      for (const secret of expect.auditAbsent) if (recorded.includes(fillPlaceholders(secret, accounts))) fail(`the audit trail recorded "${secret}"`);
    }
    if (expect.handoff !== undefined) {
      const queued = (await handoffsOf(harness, conversationId)) > handoffsBefore;
      if (queued !== expect.handoff) fail(expect.handoff ? 'expected a hand-off' : 'expected no hand-off');
    }
  }
}
