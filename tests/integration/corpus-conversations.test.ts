// Every rights-bearing message of the shared corpus, said in a real conversation (issue 4, "Done
// when"): the consumer verifies, says it, and the durable flag changes and the confirmation the right
// requires comes back. The expectations follow the corpus labels, not what the safety net found.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { isIntentId, isRightsBearing, type IntentId } from '../../guardrails/index.js';
import { checkTranscript, runTranscript, type TranscriptHarness, type TranscriptInput } from '../support/transcripts.js';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus/intents.dev.jsonl');
if (!existsSync(CORPUS)) throw new Error(`The shared intent corpus is missing: expected it at ${CORPUS} (../shared/corpus/intents.dev.jsonl from the repository).`);

interface Labelled {
  text: string;
  intents: IntentId[];
}

const corpus: Labelled[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, index) => {
    const entry = JSON.parse(line) as { text?: unknown; intents?: unknown };
    const intents = Array.isArray(entry.intents) ? entry.intents.filter((intent): intent is string => typeof intent === 'string') : [];
    if (typeof entry.text !== 'string' || intents.length === 0 || !intents.every(isIntentId)) throw new Error(`${CORPUS}:${index + 1}: not {"text", "intents"} with known intent ids`);
    return { text: entry.text, intents: intents as IntentId[] };
  });
const rightsBearing = corpus.filter((entry) => entry.intents.some(isRightsBearing));

/** Midday in Boston, within the account's validation period (notice sent 2026-11-10). */
const CLOCK = '2026-11-24T18:00:00Z';
const ACCOUNT = 'tests/fixtures/accounts/dana-us.json';

interface Requirement {
  flags?: Record<string, unknown>;
  act?: string;
  handoff?: boolean;
}

function optedOutMedium(text: string): 'sms' | 'email' | 'voice' {
  if (/e-?mail/i.test(text)) return 'email';
  if (/\bcall/i.test(text)) return 'voice';
  return 'sms';
}

/** What each right requires in a conversation: the flag it sets and the confirmation it gets. */
function requirementOf(intent: IntentId, text: string): Requirement {
  switch (intent) {
    case 'dispute':
      return { flags: { dispute: { withinValidationPeriod: true } }, act: 'dispute.recorded' };
    case 'validation_request':
      return { flags: { validationRequested: {} }, act: 'validation.requested' };
    case 'cease_communication':
      return { flags: { cease: { kind: /refuse/i.test(text) ? 'refusal' : 'cease' } }, act: 'cease.confirmed' };
    case 'channel_opt_out': {
      const medium = optedOutMedium(text);
      const keyword = /^\s*\w+\s*$/.test(text);
      return { flags: { optOuts: [{ medium }] }, act: keyword ? 'sms.stop-confirmed' : medium === 'sms' ? 'optout.confirmed' : 'optout.recorded' };
    }
    case 'attorney':
      return { flags: { attorney: {} }, act: /\d{3}-\d{4}/.test(text) ? 'attorney.recorded' : 'attorney.ask-contact' };
    case 'bankruptcy':
      return { flags: { bankruptcy: {} }, act: 'bankruptcy.recorded' };
    case 'inconvenient_time':
    case 'inconvenient_place':
      // "Not at work" names a place (and an employer's ban is recorded with it); anything else names times.
      return /\bat work\b/i.test(text)
        ? { flags: { inconvenientPlaces: [{ place: 'work' }] }, act: 'inconvenient-place.recorded' }
        : { flags: { inconvenientTimes: [{}] }, act: 'inconvenient-time.recorded' };
    case 'wrong_person':
      return { flags: { wrongPerson: { numbers: ['{phone}'] } }, act: 'wrong-person.recorded' };
    case 'deceased':
      return { flags: { deceased: {} }, act: 'deceased.recorded' };
    case 'crisis':
      return { flags: { crisis: {} }, act: 'crisis.resources-us', handoff: true };
    case 'complaint':
      return { act: 'complaint.recorded', handoff: true };
    case 'human_agent':
      return { act: 'handoff.queued', handoff: true };
    case 'military':
      return { flags: { military: {} }, act: 'military.recorded' };
    case 'hardship':
      return { flags: { hardship: {} }, act: 'hardship.acknowledged' };
    default:
      return {};
  }
}

/**
 * The conversation for one message. Opt-outs are said by text (the medium they are about); a wrong
 * person or a relative reporting a death writes from the number on file and is never verified;
 * everyone else verifies on web chat first.
 */
function conversationFor(entry: Labelled): TranscriptInput {
  const requirements = entry.intents.filter(isRightsBearing).map((intent) => requirementOf(intent, entry.text));
  const unverified = entry.intents.some((intent) => intent === 'wrong_person' || intent === 'deceased');
  const sms = unverified || entry.intents.includes('channel_opt_out');
  const flags = Object.assign({}, ...requirements.map((requirement) => requirement.flags ?? {})) as Record<string, unknown>;
  // After a cease only the notices of 1006.6(c)(2) may follow: its confirmation is the one required.
  const acts = entry.intents.includes('cease_communication') ? ['cease.confirmed'] : requirements.flatMap((requirement) => (requirement.act ? [requirement.act] : []));
  const handoff = requirements.some((requirement) => requirement.handoff);
  const verify = sms ? '04/12/1985 1234' : '{ref} 04/12/1985 1234';
  return {
    name: `${entry.intents.join(' + ')}: ${entry.text}`,
    channel: sms ? 'sms' : 'webchat',
    clock: CLOCK,
    account: ACCOUNT,
    steps: [
      ...(unverified ? [] : [{ consumer: verify, expect: { actsInclude: ['identity.verified'] } }]),
      {
        consumer: entry.text,
        expect: {
          actsInclude: acts,
          ...(Object.keys(flags).length > 0 ? { flags } : {}),
          ...(handoff ? { handoff: true } : {}),
          ...(unverified ? { nothingRevealed: true } : {}),
        },
      },
    ],
  };
}

describe.concurrent('every rights-bearing message of the corpus, in a conversation', () => {
  let parley: RunningParley;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-corpus-'));
  // Every conversation runs at the same pinned instant, so they may share the clock and run side by side.
  const now = new Date(CLOCK);
  const harness: TranscriptHarness = {
    get parley() {
      return parley;
    },
    setNow: () => undefined,
    now: () => now,
  };

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { PARLEY_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PARLEY_DEMO: 'false', PARLEY_LLM: 'off' };
    parley = await startParley(loadConfig(env), { logger: createLogger('silent'), clock: () => now });
  });

  afterAll(async () => {
    await parley?.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has rights-bearing messages to try', ({ expect }) => {
    expect(rightsBearing.length).toBeGreaterThan(50);
  });

  for (const entry of rightsBearing) {
    const transcript = checkTranscript(conversationFor(entry), entry.text);
    it(transcript.name, async () => {
      await runTranscript(harness, transcript);
    });
  }
});
