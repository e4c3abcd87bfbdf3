import type { Account, Channel, ConversationFacts, Language } from '../domain/index.js';
import type { RuleApplication, Violation } from '../decision/types.js';
import type { MessagePurpose } from '../decision/purpose.js';
import { rulesOfKind, type Rule } from '../rules/index.js';
import { disclosureText } from './texts.js';

/**
 * How disclosures meet the third-party rule (12 CFR 1006.6(d)):
 *
 * - Before the consumer's identity is verified, whoever reads the message may not be the consumer.
 *   Saying "this is a debt collector" would itself reveal the debt, so Parley adds no debt-collector
 *   disclosure and no state notice: it only says who it is and that it has a personal business
 *   matter (the wording of the identity-check template). The debt-collector disclosure is withheld,
 *   not skipped: the first message after verification carries the initial disclosure.
 * - So `facts.firstCommunication` means "the initial disclosure has not been given to this consumer
 *   yet", and the caller keeps it true until a verified message carrying it has gone out.
 * - After verification: the first communication gets the initial disclosure (attempting to collect a
 *   debt, information used for that purpose), every later one the shorter "from a debt collector",
 *   in the message's language (1006.18(e)).
 * - The electronic opt-out notice (1006.6(e)) goes on every text and email, verified or not: it
 *   reveals nothing about a debt.
 * - Three purposes carry no debt-collector disclosure at all: an opt-out confirmation must contain
 *   nothing else (1006.14(h), 47 CFR 64.1200(a)(12)), so it also carries no opt-out notice; crisis
 *   support says nothing about the debt and is not a communication about it; an identity check comes
 *   before verification by definition.
 */
const NO_DEBT_DISCLOSURE: ReadonlySet<MessagePurpose> = new Set(['opt-out-confirmation', 'crisis-support', 'identity-check']);
const NOTHING_ELSE: ReadonlySet<MessagePurpose> = new Set(['opt-out-confirmation']);

export interface ComposeInput {
  body: string;
  channel: Channel;
  language: Language;
  purpose: MessagePurpose;
  facts: ConversationFacts;
  account: Account;
  /** The in-force rules for the account and channel. */
  rules: readonly Rule[];
}

export interface Composition {
  text: string;
  /** Ids of the disclosure texts added, in order. */
  disclosures: string[];
  rules: RuleApplication[];
  /** A disclosure that is required but cannot be given (a California licence number missing from the account). */
  violations: Violation[];
  /** The added parts before and after the body, for length budgets. */
  before: string[];
  after: string[];
  separator: string;
}

/** SMS pays for every character, so parts are joined by a space; elsewhere by a blank line. */
export function separatorFor(channel: Channel): string {
  return channel === 'sms' ? ' ' : '\n\n';
}

/** Adds the disclosures a message needs, in its language, around its body. */
export function compose(input: ComposeInput): Composition {
  const { channel, language, purpose, facts, account, rules } = input;
  const before: string[] = [];
  const after: string[] = [];
  const disclosures: string[] = [];
  const applied: RuleApplication[] = [];
  const violations: Violation[] = [];
  const verified = facts.identityVerified;

  for (const rule of rulesOfKind(rules, 'disclosure')) {
    if (NO_DEBT_DISCLOSURE.has(purpose)) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: `no debt-collector disclosure on a ${purpose} message (it says nothing about the debt${purpose === 'opt-out-confirmation' ? ' and must contain nothing else' : ''})` });
      continue;
    }
    if (!verified) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: 'debt-collector disclosure withheld until identity is verified (it would reveal the debt to a third party, 12 CFR 1006.6(d)); the first message after verification carries the initial disclosure' });
      continue;
    }
    const id = facts.firstCommunication ? rule.parameters.initialTextId : rule.parameters.laterTextId;
    before.push(disclosureText(id, language));
    disclosures.push(id);
    applied.push({ ruleId: rule.id, citation: rule.citation, reason: `${facts.firstCommunication ? 'first communication' : 'later communication'}: added ${id} in ${language}` });
  }

  for (const rule of rulesOfKind(rules, 'state-notice')) {
    const { textId, when, licence } = rule.parameters;
    if (NO_DEBT_DISCLOSURE.has(purpose)) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: `no ${textId} on a ${purpose} message (it says nothing about the debt)` });
      continue;
    }
    if (when === 'first-communication' && !facts.firstCommunication) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: `${textId} was due with the first communication; not repeated` });
      continue;
    }
    if (!verified) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: `${textId} withheld until identity is verified (it would reveal the debt); it goes with the first message after verification` });
      continue;
    }
    if (licence && !account.stateLicenceNumber) {
      const missing = { ruleId: rule.id, citation: rule.citation, reason: `the account has no stateLicenceNumber, which ${textId} must show on every written or digital communication; add it to the account` };
      violations.push(missing);
      applied.push(missing);
      continue;
    }
    after.push(disclosureText(textId, language, { licence: account.stateLicenceNumber ?? '' }));
    disclosures.push(textId);
    applied.push({ ruleId: rule.id, citation: rule.citation, reason: `added ${textId} in ${language}` });
  }

  for (const rule of rulesOfKind(rules, 'opt-out-notice')) {
    if (NOTHING_ELSE.has(purpose)) {
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: 'an opt-out confirmation contains nothing else, not even the opt-out notice' });
      continue;
    }
    const id = channel === 'sms' || channel === 'email' ? rule.parameters.textIds[channel] : undefined;
    if (!id) continue;
    const notice = disclosureText(id, language);
    if (input.body.includes(notice)) {
      // The HELP and START replies state how to opt out themselves: the notice is there, once.
      disclosures.push(id);
      applied.push({ ruleId: rule.id, citation: rule.citation, reason: `the message already carries ${id}; not repeated` });
      continue;
    }
    after.push(notice);
    disclosures.push(id);
    applied.push({ ruleId: rule.id, citation: rule.citation, reason: `added ${id} in ${language}` });
  }

  const separator = separatorFor(channel);
  const body = input.body.trim();
  const text = [...before, ...(body ? [body] : []), ...after].join(separator);
  return { text, disclosures, rules: applied, violations, before, after, separator };
}
