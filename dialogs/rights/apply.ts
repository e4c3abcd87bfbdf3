import type { TurnContext } from 'botbuilder';
import type { Classification, ConsumerFlags } from '../../guardrails/index.js';
import { reachPerson, say } from '../flows/common.js';
import { turnData, type TurnData } from '../services.js';
import type { SmsKeyword } from '../sms-keywords.js';
import { flagChangesFor, type FlagChange } from './flag-changes.js';

function chainOf(context: TurnContext): string {
  return `conv:${context.activity.channelId}:${context.activity.conversation.id}`;
}

/** The accounts a right attaches to: the verified one, or every account matched by the number writing in. */
function targetsOf(data: TurnData): string[] {
  const { session } = data;
  return session.verified && session.accountId ? [session.accountId] : session.candidateAccountIds;
}

async function writeChanges(context: TurnContext, accountId: string, changes: readonly FlagChange[]): Promise<void> {
  const data = turnData(context);
  const { services, session } = data;
  const flags: ConsumerFlags = await services.flags.update(accountId, (current) => changes.reduce((next, change) => change.apply(next), current));
  if (accountId === session.accountId) data.flags = flags;
  for (const change of changes) {
    await services.audit.append({
      chainId: chainOf(context),
      kind: 'flag-change',
      accountId,
      conversationId: context.activity.conversation.id,
      channel: context.activity.channelId,
      payload: { accountId, intent: change.intent, field: change.field, summary: change.summary, verified: session.verified },
      at: services.clock(),
    });
  }
}

/**
 * Rights change the durable flags at once, before any dialog runs (DESIGN.md principle 3). Before
 * verification they attach to every account matched by the number writing in: each of them only
 * restricts what Parley may do, so an unverified request errs on the consumer's side.
 */
export async function applyRights(context: TurnContext, classification: Pick<Classification, 'intents' | 'details'>, said: string): Promise<void> {
  const data = turnData(context);
  const { services, session } = data;
  for (const accountId of targetsOf(data)) {
    const account = data.account?.accountId === accountId ? data.account : await services.accounts.get(accountId);
    if (!account) continue;
    const changes = flagChangesFor(classification, { account, channel: session.channel, address: session.address, at: services.clock(), said });
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
  const change: FlagChange =
    keyword === 'opt-out'
      ? {
          intent: 'channel_opt_out',
          field: 'optOuts',
          apply: (flags) =>
            flags.optOuts.some((optOut) => optOut.medium === 'sms')
              ? flags
              : { ...flags, optOuts: [...flags.optOuts, { medium: 'sms', at, address: session.address, confirmationSent: false }] },
          summary: { media: ['sms'], keyword: true },
        }
      : {
          intent: 'channel_opt_out',
          field: 'optOuts',
          apply: (flags) => ({ ...flags, optOuts: flags.optOuts.filter((optOut) => optOut.medium !== 'sms') }),
          summary: { media: ['sms'], keyword: true, optedBackIn: true },
        };
  for (const accountId of accountIds) await writeChanges(context, accountId, [change]);
  await say(context, keyword === 'opt-out' ? 'sms.stop-confirmed' : 'sms.start-confirmed', { collectorName });
}
