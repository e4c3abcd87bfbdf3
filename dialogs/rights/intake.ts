import { classifyIntents, isRightsBearing, maskSensitiveNumbers, type Account, type IntentId } from '../../guardrails/index.js';
import type { AccountRepository, AuditTrail, FlagsRepository } from '../ports.js';
import { smsKeywordOf } from '../sms-keywords.js';
import { flagChangesFor, smsOptOutChange } from './flag-changes.js';
import { recordFlagChanges } from './record-changes.js';

/**
 * What the intake already made durable for one message: the conversation's turn acts on the rest and
 * does not write these again. Carried on the activity as `channelData.parleyIntake`.
 */
export interface RightsIntake {
  accountIds: string[];
  intents: IntentId[];
  /** A STOP keyword was recorded as an SMS opt-out. */
  smsOptOut: boolean;
  /** Whether the number had opted out of texts before this message. */
  smsOptedOutBefore: boolean;
}

export interface IntakeMessage {
  chainId: string;
  channelId: string;
  conversationId: string;
  /** The sender's address on the channel (SMS: E.164). */
  from: string;
  text: string;
}

export interface IntakeStores {
  accounts: AccountRepository;
  flags: FlagsRepository;
  audit: AuditTrail;
  clock: () => Date;
}

/**
 * Rights that must not depend on the conversation state store: on SMS, where the number alone names
 * the accounts, a STOP and every right the safety net recognizes are written to the records store as
 * the message is recorded, before it is acknowledged and before any turn lock or dialog state is
 * needed. If this throws, the message is not acknowledged and the channel's retry brings it back.
 */
export async function takeInRights(stores: IntakeStores, message: IntakeMessage): Promise<RightsIntake | undefined> {
  if (message.channelId !== 'sms') return undefined;
  const accounts = await stores.accounts.findByPhone(message.from);
  if (accounts.length === 0) return undefined;
  const at = stores.clock();
  const text = maskSensitiveNumbers(message.text);
  const origin = { chainId: message.chainId, conversationId: message.conversationId, channel: message.channelId, verified: false, stage: 'intake' as const };
  const keyword = smsKeywordOf(text, accounts[0]?.jurisdictions ?? ['US'], at);
  if (keyword === 'opt-out') {
    // STOP is about the number: every account it reaches stops texting it.
    const smsOptedOutBefore = await optedOutOfSms(stores.flags, accounts);
    for (const account of accounts) await recordFlagChanges(stores, origin, account.accountId, [smsOptOutChange(at.toISOString(), message.from)]);
    return { accountIds: accounts.map((account) => account.accountId), intents: [], smsOptOut: true, smsOptedOutBefore };
  }
  // HELP and START change nothing that must survive an outage: the turn answers them.
  if (keyword) return undefined;
  const classification = classifyIntents(text, { channel: 'sms' });
  const rights = { intents: classification.intents.filter(isRightsBearing), details: classification.details };
  // Most messages carry no right: nothing more is read or written for them here.
  if (rights.intents.length === 0) return undefined;
  // Once someone on the number proved who they are, their rights are theirs alone (as in the turn).
  const verifiedAccountId = await verifiedAccountOf(stores.audit, message.chainId);
  const targets = accounts.filter((account) => !verifiedAccountId || account.accountId === verifiedAccountId);
  const smsOptedOutBefore = await optedOutOfSms(stores.flags, targets);
  const applied = new Set<IntentId>();
  const verified = { ...origin, verified: Boolean(verifiedAccountId) };
  for (const account of targets) {
    const changes = flagChangesFor(rights, { account, channel: 'sms', address: message.from, at, said: text });
    if (changes.length > 0) await recordFlagChanges(stores, verified, account.accountId, changes);
    for (const change of changes) applied.add(change.intent);
  }
  return { accountIds: targets.map((account) => account.accountId), intents: [...applied], smsOptOut: false, smsOptedOutBefore };
}

async function optedOutOfSms(flags: FlagsRepository, accounts: readonly Account[]): Promise<boolean> {
  for (const account of accounts) if ((await flags.get(account.accountId)).optOuts.some((optOut) => optOut.medium === 'sms')) return true;
  return false;
}

/** The account this conversation's identity check bound it to, from the audit trail (no state store needed). */
async function verifiedAccountOf(audit: AuditTrail, chainId: string): Promise<string | undefined> {
  const events = await audit.listChain(chainId);
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index]!;
    if (event.kind === 'system' && event.payload.event === 'identity-verified' && event.accountId) return event.accountId;
  }
  return undefined;
}

export function intakeOf(channelData: unknown): RightsIntake | undefined {
  const intake = (channelData as { parleyIntake?: RightsIntake } | undefined)?.parleyIntake;
  return intake && Array.isArray(intake.accountIds) ? intake : undefined;
}
