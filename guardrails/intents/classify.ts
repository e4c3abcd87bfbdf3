import type { Channel, Language } from '../domain/index.js';
import { compilePacks, firstMatch, type CompiledRule } from './compile.js';
import {
  amountIn,
  attorneyDetail,
  bankruptcyDetail,
  inconvenientPlaceDetail,
  inconvenientTimeDetail,
  languageTarget,
  optOutDetail,
  paymentDateIn,
  paymentPlanDetail,
  settlementDetail,
  type IntentDetails,
} from './details.js';
import { KeywordCorrector } from './fuzzy.js';
import { INTENT_IDS, type IntentId } from './ids.js';
import { KNOWN_WORDS } from './known-words.js';
import { EXTRA_KNOWN_WORDS } from './lexicon.js';
import { modelAdditions } from './combine-layers.js';
import { normalizeMessage } from './normalize.js';
import { INTENT_MODEL_VERSION, statisticalFindings } from './statistical/index.js';
import { loadPhraseFiles } from './phrases/load.js';

export interface ClassifyOptions {
  /** The language of the conversation, when known; otherwise it is told from the words. */
  language?: Language;
  /** The channel the message came on: a bare STOP opts out of that medium. */
  channel?: Channel;
  /** The consumer's names on the account: "I'm not Dana" names the wrong person. */
  consumerNames?: readonly string[];
}

export interface Classification {
  /** Recognized intents, acted on, in a fixed order (rights-bearing first); ["other"] when nothing is. */
  intents: IntentId[];
  /** Rights-bearing intents that may be there: asked about before anything is done (a crisis gets the resources). */
  possible: IntentId[];
  /** What each layer found, for --explain and the audit trail. */
  layers: ClassificationLayers;
  details: IntentDetails;
  language: Language;
  /** The normalized words that triggered each intent, for the audit trail. */
  evidence: Partial<Record<IntentId, string>>;
}

// Both packs compile once, at load: a broken phrase fails the first import, not a conversation.
const PACKS = loadPhraseFiles();
const RULES: readonly CompiledRule[] = compilePacks(PACKS);
const CORRECTOR = new KeywordCorrector(
  PACKS.flatMap((pack) => pack.keywords),
  [...KNOWN_WORDS, ...EXTRA_KNOWN_WORDS],
);

/** What recognized a right, named in every record it changes: the phrase files' versions and the model's. */
export const CLASSIFIER_VERSION = `phrases ${PACKS.map((pack) => `${pack.language}@${pack.version}`).join(' ')}; model ${INTENT_MODEL_VERSION}`;
const ORDER = new Map<IntentId, number>(INTENT_IDS.map((id, index) => [id, index]));

const SPANISH = new Set(
  'que de la el es mi por para esta estoy quiero pagar deuda hablar ya tengo con una los las mas pero favor hola gracias debo soy cuanto espanol y yo lo le les se su pago dinero trabajo usted ustedes como cuando porque tambien nada nunca bien buenos buenas dias manana hoy numero persona eso esto mia mio puedo necesito contacten llamen escriban mensajes abogado ahora'.split(' '),
);
const ENGLISH = new Set(
  'the i you my is to this and it pay please what how want am do not can have of on for that with stop are will your about hi hello dont owe debt money call text me if be get just was'.split(' '),
);

function detectLanguage(text: string): Language {
  let spanish = 0;
  let english = 0;
  for (const word of text.split(' ')) {
    if (SPANISH.has(word)) spanish += 1;
    if (ENGLISH.has(word)) english += 1;
  }
  return spanish > english ? 'es' : 'en';
}

const NOT_A_NAME = new Set(['sure', 'paying', 'disputing', 'interested', 'able', 'happy', 'ready', 'ok', 'okay', 'going', 'trying', 'a', 'the', 'here', 'home', 'working', 'available', 'yo', 'el', 'ella']);
const DENIED_NAME = /\b(?:I'?m|I am|this is|this isn'?t|it'?s|no soy|yo no soy)\s+(?:not\s+)?([A-Z][a-z]+)\b/g;

function deniesName(original: string, names: readonly string[] | undefined): string | undefined {
  for (const match of original.matchAll(DENIED_NAME)) {
    const name = match[1] ?? '';
    const said = match[0].toLowerCase();
    const negated = /\bnot\b|isn'?t|no soy/.test(said);
    if (!negated || NOT_A_NAME.has(name.toLowerCase())) continue;
    return match[0];
  }
  if (names && names.length > 0) {
    const folded = original.toLowerCase();
    for (const name of names) {
      const lower = name.toLowerCase();
      if (new RegExp(`\\b(?:i'?m not|i am not|no soy|this is not|this isn'?t|not)\\s+${lower.replace(/[^a-z]/g, '.')}\\b`).test(folded)) return `not ${name}`;
    }
  }
  return undefined;
}

export interface ClassificationLayers {
  /** The phrase rules: every intent whose phrases matched. */
  phrases: IntentId[];
  /** The statistical model: its version, what it recognized and what it found possible, with the scores. */
  model: { version: string; recognized: IntentId[]; possible: IntentId[]; scores: Partial<Record<IntentId, number>> };
}

/**
 * Recognizes what a consumer's message asks for or tells, deterministically, in English and Spanish,
 * in two layers: the phrase rules, and a statistical model trained on the labelled corpus. Either may
 * recognize a right; the model's less certain findings come back as possible, to be asked about.
 */
export function classifyIntents(raw: string, options: ClassifyOptions = {}): Classification {
  const text = normalizeMessage(raw, CORRECTOR);
  const evidence: Partial<Record<IntentId, string>> = {};
  for (const rule of RULES) {
    const match = firstMatch(rule, text);
    if (match !== undefined) evidence[rule.intent] = match;
  }
  if (evidence.wrong_person === undefined) {
    const denied = deniesName(raw, options.consumerNames);
    if (denied) evidence.wrong_person = denied;
  }
  const phrases = Object.keys(evidence) as IntentId[];
  const model = statisticalFindings(raw);
  const added = modelAdditions(phrases, model);
  for (const intent of added.acted) evidence[intent] = '';
  // A greeting is only an intent when the message is nothing more.
  const found = (Object.keys(evidence) as IntentId[]).filter((intent) => intent !== 'greeting');
  if (found.length > 0) delete evidence.greeting;
  const intents = (Object.keys(evidence) as IntentId[]).sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
  if (intents.length === 0) intents.push('other');
  const possible = added.possible.filter((intent) => !intents.includes(intent));
  return {
    intents,
    possible,
    layers: { phrases, model: { version: INTENT_MODEL_VERSION, ...model } },
    details: detailsFor(intents, evidence, text, raw, options),
    language: options.language ?? detectLanguage(text),
    evidence,
  };
}

function detailsFor(intents: readonly IntentId[], evidence: Partial<Record<IntentId, string>>, text: string, raw: string, options: ClassifyOptions): IntentDetails {
  const details: IntentDetails = {};
  const said = raw.trim().slice(0, 200);
  for (const intent of intents) {
    const matched = evidence[intent] ?? '';
    switch (intent) {
      case 'dispute':
        details.dispute = {
          // Part of the debt: the words that matched say so, or the message names a component of it.
          scope:
            /(?:amount|balance|total|fee|interest|charge|only|too high|too much|overcharg|cobr|cantidad|monto|saldo|cargo|interes|inflated|padded|\$)/.test(matched) ||
            /(?<= )(?:fees?|interest|late charges?|charges?|penalt(?:y|ies)|cargos?|intereses|recargos?)(?= )/.test(text)
              ? 'part'
              : 'all',
        };
        break;
      case 'cease_communication':
        details.cease_communication = { kind: /(?:refus|not paying|not going to pay|will not pay|never pay|never going to pay|niego|no voy a pagar|no pienso pagar|nunca)/.test(matched) ? 'refusal' : 'cease' };
        break;
      case 'channel_opt_out': {
        const keyword = !/ /.test(matched.replace(/ (?:please|now|thanks|ya|por favor|\.|\?|,)/g, '').trim()) || /^(?:stop all|opt out|stop stop|no more)/.test(matched.trim());
        details.channel_opt_out = optOutDetail(text, matched, options.channel, keyword && !/(?:text|messag|email|call|mensaj)/.test(matched));
        break;
      }
      case 'attorney':
        details.attorney = attorneyDetail(raw, text);
        break;
      case 'bankruptcy':
        details.bankruptcy = bankruptcyDetail(text);
        break;
      case 'inconvenient_time':
        details.inconvenient_time = inconvenientTimeDetail(text, said);
        break;
      case 'inconvenient_place':
        details.inconvenient_place = inconvenientPlaceDetail(text, said);
        break;
      case 'promise_to_pay': {
        const promise: NonNullable<IntentDetails['promise_to_pay']> = {};
        const amount = amountIn(text);
        if (amount !== undefined) promise.amount = amount;
        const date = paymentDateIn(text);
        if (date) promise.date = date;
        details.promise_to_pay = promise;
        break;
      }
      case 'payment_plan':
        details.payment_plan = paymentPlanDetail(text);
        break;
      case 'settlement':
        details.settlement = settlementDetail(text);
        break;
      case 'language_change':
        details.language_change = { to: languageTarget(text) };
        break;
      default:
        break;
    }
  }
  return details;
}

/** The normalized form a message is matched in (for tests and for compliance reviewing a phrase). */
export function normalizedForm(raw: string): string {
  return normalizeMessage(raw, CORRECTOR);
}
