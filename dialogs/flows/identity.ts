import { Dialog } from 'botbuilder-dialogs';
import type { Account } from '../../guardrails/index.js';
import { extractIdentityFactors, hasCompleteFactors, matchesAccount, mergeFactors, secondFactorOf, type IdentityFactors } from '../identity/factors.js';
import { turnData, type TurnData } from '../services.js';
import { flow, handOff, markProgress, reachPerson, say, type StepContext } from './common.js';

export const IDENTITY = 'identity';

const EMPTY: IdentityFactors = { datesOfBirth: [], ssnLast4: [], postalCodes: [], references: [], phones: [] };

function factorsFor(candidates: readonly Account[]): 'dob-and-ssn4' | 'dob-and-zip' | 'dob-and-postcode' {
  const first = candidates[0];
  if (!first || secondFactorOf(first) === 'ssn4') return 'dob-and-ssn4';
  return first.consumer.address.country === 'GB' ? 'dob-and-postcode' : 'dob-and-zip';
}

async function loadCandidates(data: TurnData): Promise<Account[]> {
  const accounts = await Promise.all(data.session.candidateAccountIds.map((id) => data.services.accounts.get(id)));
  return accounts.filter((account): account is Account => account !== undefined);
}

/** Accounts a reference or a phone number in the message points at; unknown ones are simply not found. */
async function lookUp(data: TurnData, factors: IdentityFactors): Promise<string[]> {
  const found = new Set<string>();
  for (const reference of factors.references) {
    const account = (await data.services.accounts.get(reference)) ?? (await data.services.accounts.get(reference.toUpperCase()));
    if (account) found.add(account.accountId);
  }
  for (const phone of factors.phones) for (const account of await data.services.accounts.findByPhone(phone)) found.add(account.accountId);
  return [...found];
}

function isLocked(data: TurnData): boolean {
  const until = data.session.identity.lockedUntil;
  return until !== undefined && Date.parse(until) > data.services.clock().getTime();
}

/**
 * A text to the number on file may be read by someone else: before asking, say only who we are and
 * that there is a personal business matter for the named consumer (the limited content 1006.6(d)
 * allows), once per conversation. Two people on one number with different names get no name at all.
 */
async function introduceOnce(step: StepContext, candidates: readonly Account[]): Promise<void> {
  const { session, services } = turnData(step.context);
  if (session.introduced || session.channel !== 'sms' || candidates.length === 0) return;
  const names = new Set(candidates.map((account) => account.consumer.firstName));
  const [firstName] = [...names];
  if (names.size !== 1 || !firstName) return;
  session.introduced = true;
  await say(step.context, 'pre-verification.business-matter', { firstName, collectorName: services.company.collectorName, ...reachPerson(step.context) });
}

async function askStep(step: StepContext) {
  const data = turnData(step.context);
  if (isLocked(data)) {
    await say(step.context, 'identity.locked', reachPerson(step.context));
    return step.endDialog({ verified: false });
  }
  const before = data.session.identity.factors ?? EMPTY;
  const said = extractIdentityFactors(step.context.activity.text ?? '');
  data.session.identity.factors = mergeFactors(before, said);
  // Giving a factor is progress, even before the check can run (the doom-loop guard counts turns without it).
  if (Object.values(said).some((values: string[]) => values.length > 0)) markProgress(step.context);
  for (const id of await lookUp(data, data.session.identity.factors)) if (!data.session.candidateAccountIds.includes(id)) data.session.candidateAccountIds.push(id);
  if (hasCompleteFactors(data.session.identity.factors)) return step.next();
  const candidates = await loadCandidates(data);
  await introduceOnce(step, candidates);
  await say(step.context, candidates.length > 0 ? 'identity.ask' : 'identity.ask-reference', { factors: factorsFor(candidates) });
  data.session.lastQuestion = 'identity.ask';
  return Dialog.EndOfTurn;
}

async function checkStep(step: StepContext) {
  const data = turnData(step.context);
  const { session, services } = data;
  const said = step.context.activity.text ?? '';
  const factors = mergeFactors(session.identity.factors ?? EMPTY, extractIdentityFactors(said));
  session.identity.factors = factors;
  for (const id of await lookUp(data, factors)) if (!session.candidateAccountIds.includes(id)) session.candidateAccountIds.push(id);

  if (!hasCompleteFactors(factors)) {
    // Not all there yet: ask again (the doom-loop guard counts repeated asks).
    return step.replaceDialog(IDENTITY, step.options);
  }
  const candidates = await loadCandidates(data);
  const match = candidates.find((account) => matchesAccount(account, factors));
  session.identity.factors = undefined;
  if (match) {
    session.verified = true;
    session.accountId = match.accountId;
    session.identity.failures = 0;
    data.account = match;
    data.flags = await services.flags.get(match.accountId);
    markProgress(step.context);
    await services.audit.append({
      chainId: `conv:${step.context.activity.channelId}:${step.context.activity.conversation.id}`,
      kind: 'system',
      accountId: match.accountId,
      conversationId: step.context.activity.conversation.id,
      channel: step.context.activity.channelId,
      payload: { event: 'identity-verified', candidates: candidates.length },
      at: services.clock(),
    });
    await say(step.context, 'identity.verified', { firstName: match.consumer.firstName });
    return step.endDialog({ verified: true });
  }
  session.identity.failures += 1;
  const attemptsLeft = services.identity.maxAttempts - session.identity.failures;
  if (attemptsLeft <= 0) {
    session.identity.lockedUntil = new Date(services.clock().getTime() + services.identity.lockMinutes * 60_000).toISOString();
    await say(step.context, 'identity.locked', reachPerson(step.context));
    await handOff(step.context, 'identity-locked');
    return step.endDialog({ verified: false });
  }
  await say(step.context, 'identity.failed', { attemptsLeft });
  return Dialog.EndOfTurn;
}

/**
 * Identity first (1006.6(d)): collects the date of birth and the second factor (last four of the SSN,
 * or the postal code where none is on file) across messages, finds the account by the number the
 * consumer writes from or a reference or phone they give, and binds the conversation only on a
 * match. Nothing about a debt is said meanwhile; repeated failures lock the check and offer a person.
 */
export const identityDialog = flow(IDENTITY, [
  askStep,
  checkStep,
  async (step) => step.replaceDialog(IDENTITY, step.options),
]);
