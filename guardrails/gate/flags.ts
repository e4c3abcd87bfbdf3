import type { ConsumerFlags } from '../domain/index.js';
import type { RestrictingFlag } from '../rules/index.js';

export interface FlagState {
  active: boolean;
  /** Why the flag is or is not active, for the decision's reasons. */
  detail: string;
}

export const NOT_ON_RECORD = 'not on record';
const INACTIVE: FlagState = { active: false, detail: NOT_ON_RECORD };

/** A fact binds from the moment it was learned; a decision replayed for an earlier instant does not see it. */
function since(at: string, now: number): boolean {
  return Date.parse(at) <= now;
}

/**
 * Whether a restricting flag is in force for this message. Each flag has its own test: a dispute only
 * pauses collection while it is within the validation period and unverified (1006.38); a wrong-person
 * report naming numbers applies to those numbers only.
 */
export function flagState(flag: RestrictingFlag, flags: ConsumerFlags, now: number, targetAddress: string | undefined): FlagState {
  switch (flag) {
    case 'cease': {
      const cease = flags.cease;
      if (!cease || !since(cease.at, now)) return INACTIVE;
      return { active: true, detail: `the consumer ${cease.kind === 'refusal' ? 'refused to pay' : 'asked Parley to cease communication'} on ${cease.at}` };
    }
    case 'attorney': {
      const attorney = flags.attorney;
      if (!attorney || !since(attorney.at, now)) return INACTIVE;
      return { active: true, detail: `represented by an attorney${attorney.name || attorney.firm ? ` (${[attorney.name, attorney.firm].filter(Boolean).join(', ')})` : ''} since ${attorney.at}` };
    }
    case 'wrongPerson': {
      const wrong = flags.wrongPerson;
      if (!wrong || !since(wrong.at, now)) return INACTIVE;
      if (wrong.numbers.length > 0 && targetAddress !== undefined && !wrong.numbers.includes(targetAddress)) {
        return { active: false, detail: `a wrong person was reported on other numbers on ${wrong.at}` };
      }
      return { active: true, detail: `a wrong person was reported${wrong.numbers.length > 0 ? ' at this number' : ''} on ${wrong.at}` };
    }
    case 'dispute': {
      const dispute = flags.dispute;
      if (!dispute || !since(dispute.at, now)) return INACTIVE;
      if (!dispute.withinValidationPeriod) return { active: false, detail: `disputed on ${dispute.at}, outside the validation period` };
      if (dispute.verificationSentAt && since(dispute.verificationSentAt, now)) return { active: false, detail: `disputed on ${dispute.at}; verification sent on ${dispute.verificationSentAt}` };
      return { active: true, detail: `disputed (${dispute.scope}) within the validation period on ${dispute.at}; verification not yet sent` };
    }
    case 'deceased':
    case 'bankruptcy':
    case 'crisis':
    case 'legalHold': {
      const entry = flags[flag];
      if (!entry || !since(entry.at, now)) return INACTIVE;
      const words = { deceased: 'reported deceased', bankruptcy: 'in bankruptcy', crisis: 'in crisis', legalHold: 'on legal hold' }[flag];
      return { active: true, detail: `${words} since ${entry.at}` };
    }
  }
}
