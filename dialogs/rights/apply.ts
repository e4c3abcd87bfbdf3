import type { TurnContext } from 'botbuilder';
import type { Classification } from '../../guardrails/index.js';
import { reachPerson, say } from '../flows/common.js';
import { turnData, type TurnData } from '../services.js';
import type { SmsKeyword } from '../sms-keywords.js';
import { flagChangesFor, smsOptInChange, smsOptOutChange, type FlagChange } from './flag-changes.js';
import { intakeOf } from './intake.js';
import { chainOf, recordFlagChanges } from './record-changes.js';

/** The accounts a right attaches to: the verified one, or every account matched by the number writing in. */
function targetsOf(data: TurnData): string[] {
  const { session } = data;
  return session.verified && session.accountId ? [session.accountId] : session.candidateAccountIds;
}

async function writeChanges(context: TurnContext, accountId: string, changes: readonly FlagChange[]): Promise<void> {
  const data = turnData(context);
  const { services, session } = data;
  const origin = { chainId: chainOf(context), conversationId: context.activity.conversation.id, channel: context.activity.channelId, verified: session.verified, stage: 'turn' as const };
  const flags = await recordFlagChanges(services, origin, accountId, changes);
  if (accountId === session.accountId) data.flags = flags;
}

/**
 * Rights change the durable flags at once, before any dialog runs (DESIGN.md principle 3). Before
 * verification they attach to every account matched by the number writing in: each of them only
 * restricts what Parley may do, so an unverified request errs on the consumer's side.
 */
export async function applyRights(context: TurnContext, classification: Pick<Classification, 'intents' | 'details'>, said: string): Promise<void> {
  const data = turnData(context);
  const { services, session } = data;
  const intake = intakeOf(context.activity.channelData);
  for (const accountId of targetsOf(data)) {
    const account = data.account?.accountId === accountId ? data.account : await services.accounts.get(accountId);
    if (!account) continue;
    // What the intake already wrote for this account is not written twice.
    const done = intake?.accountIds.includes(accountId) ? new Set(intake.intents) : new Set<string>();
    const pending = { intents: classification.intents.filter((intent) => !done.has(intent)), details: classification.details };
    const changes = flagChangesFor(pending, { account, channel: session.channel, address: session.address, at: services.clock(), said });
    if (changes.length > 0) await writeChanges(context, accountId, changes);
  }
}

/** STOP, HELP and START on SMS, for every account on the number, before anything else. */
export async function applySmsKeyword(context: TurnContext, keyword: SmsKeyword): Promise<void> {
  const data = turnData(context);
  const { services, session } = data;
  const at = services.clock().toISOString();
  const collectorName = services.company.collectorName;
  const accountIds = session.candidateAccountIds.length > 0 ? session.candidateAccountIds : targetsOf(data);
  if (keyword === 'help') {
    await say(context, 'sms.help', { collectorName, ...reachPerson(context) });
    return;
  }
  const change: FlagChange = keyword === 'opt-out' ? smsOptOutChange(at, session.address) : smsOptInChange();
  // A STOP the intake recorded is confirmed here, not recorded again.
  const recorded = keyword === 'opt-out' && intakeOf(context.activity.channelData)?.smsOptOut === true;
  if (!recorded) for (const accountId of accountIds) await writeChanges(context, accountId, [change]);
  await say(context, keyword === 'opt-out' ? 'sms.stop-confirmed' : 'sms.start-confirmed', { collectorName });
}
