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

const expectSchema = z.strictObject({
  acts: z.array(z.string()).optional(),
  phrases: z.array(z.string()).optional(),
  absent: z.array(z.string()).optional(),
  nothingRevealed: z.boolean().optional(),
  noReply: z.boolean().optional(),
  flags: z.record(z.string(), z.unknown()).optional(),
  audit: z.array(z.string()).optional(),
  handoff: z.boolean().optional(),
  language: z.enum(['en', 'es']).optional(),
});

const stepSchema = z.union([
  z.strictObject({ consumer: z.string(), expect: expectSchema.default({}) }),
  z.strictObject({ advance: z.string() }),
]);

export const transcriptSchema = z.strictObject({
  name: z.string(),
  language: z.enum(['en', 'es']).default('en'),
  channel: z.enum(['webchat', 'sms', 'teams']).default('webchat'),
  clock: z.iso.datetime({ offset: true }),
  account: z.union([z.string(), z.record(z.string(), z.unknown())]),
  flags: z.record(z.string(), z.unknown()).default({}),
  steps: z.array(stepSchema).min(1),
});
export type Transcript = z.output<typeof transcriptSchema>;

export function loadTranscripts(): Array<{ file: string; transcript: Transcript }> {
  return readdirSync(transcriptsDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = transcriptSchema.safeParse(parse(readFileSync(path.join(transcriptsDir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      for (const step of parsed.data.steps) {
        if ('consumer' in step) for (const act of step.expect.acts ?? []) if (!isSpeechActId(act)) throw new Error(`${file}: unknown speech act ${act}`);
      }
      return { file, transcript: parsed.data };
    });
}

let phoneCounter = 0;

/** Each run gets its own account id and phone number so transcripts sharing one server never meet. */
function accountFor(transcript: Transcript, runId: string): Account {
  const raw = (typeof transcript.account === 'string' ? JSON.parse(readFileSync(path.resolve(transcriptsDir, '../..', transcript.account), 'utf8')) : transcript.account) as AccountInput;
  phoneCounter += 1;
  const phones = raw.consumer.phones ?? [];
  const uniquePhones = phones.map((phone, index) =>
    phone.number.startsWith('+1') ? { ...phone, number: `${phone.number.slice(0, 5)}555${String(1000 + ((phoneCounter * 7 + index) % 9000)).padStart(4, '0')}` } : phone,
  );
  const parsed = parseAccount({ ...raw, accountId: `${raw.accountId}-${runId}`, consumer: { ...raw.consumer, phones: uniquePhones } });
  if (!parsed.ok) throw new Error(`${transcript.name}: bad account fixture: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

function matchesSubset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) {
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

export interface TranscriptHarness {
  parley: RunningParley;
  setNow(at: Date): void;
  now(): Date;
}

/** Runs one transcript; throws an Error naming the step and what differed. */
export async function runTranscript(harness: TranscriptHarness, transcript: Transcript): Promise<void> {
  const runId = randomUUID().slice(0, 8);
  const account = accountFor(transcript, runId);
  const { records } = harness.parley;
  harness.setNow(new Date(transcript.clock));
  await records.accounts.upsertMany([account]);
  if (Object.keys(transcript.flags).length > 0) {
    const start = consumerFlagsSchema.parse(transcript.flags) as ConsumerFlags;
    await records.flags.update(account.accountId, () => start);
  }
  const channelId = transcript.channel === 'teams' ? 'msteams' : transcript.channel;
  const conversationId = `t-${runId}`;
  const fromId = transcript.channel === 'sms' ? (account.consumer.phones[0]?.number ?? '+16175550000') : `user-${runId}`;
  const chainId = `conv:${channelId}:${conversationId}`;
  let seenEvents = 0;

  for (const [index, step] of transcript.steps.entries()) {
    if ('advance' in step) {
      harness.setNow(new Date(harness.now().getTime() + Duration.fromISO(step.advance).toMillis()));
      continue;
    }
    const where = `${transcript.name}, step ${index + 1} ("${step.consumer}")`;
    const handoffsBefore = (await harness.parley.handoff.list()).length;
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
        text: step.consumer,
        locale: transcript.language === 'es' ? 'es-US' : 'en-US',
        timestamp: harness.now().toISOString(),
      }),
    });
    if (response.status !== 200) throw new Error(`${where}: /api/messages answered ${response.status}`);
    const body = (await response.json()) as { activities?: Array<{ type: string; text?: string; locale?: string; channelData?: { speechAct?: string } }> };
    const replies: Reply[] = (body.activities ?? [])
      .filter((activity) => activity.type === 'message' && activity.text)
      .map((activity) => ({ text: activity.text ?? '', speechAct: activity.channelData?.speechAct, locale: activity.locale }));
    const expect = step.expect;
    const acts = replies.map((reply) => reply.speechAct ?? '(no speech act)');
    const allText = replies.map((reply) => reply.text).join('\n');
    const fail = (what: string) => {
      throw new Error(`${where}: ${what}\n  replies: ${JSON.stringify(replies.map((reply) => `[${reply.speechAct}] ${reply.text}`), null, 2)}`);
    };

    if (expect.acts && JSON.stringify(acts) !== JSON.stringify(expect.acts)) fail(`expected acts ${JSON.stringify(expect.acts)}, got ${JSON.stringify(acts)}`);
    if (expect.noReply && replies.length > 0) fail('expected no reply');
    for (const phrase of expect.phrases ?? []) if (!allText.toLowerCase().includes(phrase.toLowerCase())) fail(`missing phrase "${phrase}"`);
    for (const phrase of expect.absent ?? []) if (allText.toLowerCase().includes(phrase.toLowerCase())) fail(`phrase "${phrase}" must not appear`);
    if (expect.nothingRevealed) {
      for (const reply of replies) {
        if (reply.speechAct && isSpeechActId(reply.speechAct) && describeSpeechAct(reply.speechAct).revealsDebt) fail(`${reply.speechAct} reveals the debt before verification`);
        const findings = checkDraft(reply.text, {
          language: transcript.language,
          facts: { firstCommunication: true, identityVerified: false, initiatedBy: 'consumer' },
          at: harness.now(),
        });
        if (findings.length > 0) fail(`reply reveals something: ${findings.map((finding) => finding.reason).join('; ')}`);
      }
      for (const secret of [account.currentCreditor, account.originalCreditor, String(account.debt.currentBalance / 100)]) {
        if (allText.includes(secret)) fail(`"${secret}" revealed before verification`);
      }
    }
    if (expect.language) for (const reply of replies) if (reply.locale && !reply.locale.startsWith(expect.language)) fail(`reply in ${reply.locale}, expected ${expect.language}`);
    if (expect.flags) {
      const flags = await records.flags.get(account.accountId);
      if (!matchesSubset(flags, expect.flags)) fail(`flags ${JSON.stringify(flags)} do not include ${JSON.stringify(expect.flags)}`);
    }
    const events = await records.audit.listChain(chainId);
    const kinds = events.slice(seenEvents).map((event) => event.kind);
    seenEvents = events.length;
    if (expect.audit && !isSubsequence(expect.audit, kinds)) fail(`audit kinds ${JSON.stringify(kinds)} do not contain ${JSON.stringify(expect.audit)} in order`);
    if (expect.handoff !== undefined) {
      const queued = (await harness.parley.handoff.list()).length > handoffsBefore;
      if (queued !== expect.handoff) fail(expect.handoff ? 'expected a hand-off' : 'expected no hand-off');
    }
  }
}
