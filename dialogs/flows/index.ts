import type { ComponentDialog } from 'botbuilder-dialogs';
import type { IntentId } from '../../guardrails/index.js';
import { BALANCE, balanceDialog, WHY_CONTACTING, whyContactingDialog } from './balance.js';
export { asksWhyContacting } from './balance.js';
import { FAQ, faqDialog } from './faq.js';
import { COMPLAINT, complaintDialog, HUMAN, humanDialog } from './handoff.js';
import { IDENTITY, identityDialog } from './identity.js';
import { LANGUAGE, languageDialog } from './language.js';
import { PAY_IN_FULL, payInFullDialog } from './pay-in-full.js';
import { PLAN, planDialog } from './plan.js';
import { PROMISE, promiseDialog } from './promise.js';
import { ATTORNEY, attorneyDialog } from './rights/attorney.js';
import { CEASE, ceaseDialog } from './rights/cease.js';
import { CRISIS, crisisDialog } from './rights/crisis.js';
import { DISPUTE, disputeDialog } from './rights/dispute.js';
import { HARDSHIP, hardshipDialog } from './rights/hardship.js';
import { INCONVENIENT_PLACE, INCONVENIENT_TIME, inconvenientPlaceDialog, inconvenientTimeDialog } from './rights/inconvenient.js';
import { OPT_OUT, optOutDialog } from './rights/opt-out.js';
import { BANKRUPTCY, bankruptcyDialog, DECEASED, deceasedDialog, MILITARY, militaryDialog } from './rights/protective.js';
import { VALIDATION, validationDialog } from './rights/validation.js';
import { WRONG_PERSON, wrongPersonDialog } from './rights/wrong-person.js';
import { SETTLEMENT, settlementDialog } from './settlement.js';
import { TRANSCRIPT, transcriptDialog } from './transcript.js';

export { IDENTITY, FAQ, HUMAN, PLAN, WHY_CONTACTING, TRANSCRIPT, ATTORNEY };
export { asksForTranscript } from './transcript.js';
export { answerableBeforeVerification } from './faq.js';

export const allFlows: readonly ComponentDialog[] = [
  identityDialog,
  balanceDialog,
  whyContactingDialog,
  payInFullDialog,
  planDialog,
  settlementDialog,
  promiseDialog,
  disputeDialog,
  validationDialog,
  ceaseDialog,
  optOutDialog,
  inconvenientTimeDialog,
  inconvenientPlaceDialog,
  attorneyDialog,
  bankruptcyDialog,
  deceasedDialog,
  militaryDialog,
  wrongPersonDialog,
  hardshipDialog,
  crisisDialog,
  humanDialog,
  complaintDialog,
  faqDialog,
  languageDialog,
  transcriptDialog,
];

export interface IntentRoute {
  flow: string;
  /** The flow's words reveal the debt: it runs only once identity is verified. */
  needsVerification: boolean;
  /** It records a durable flag: it needs an account to attach to (verified, or matched by phone). */
  needsAccount: boolean;
}

/**
 * Rights in the order they are answered when one message carries several: a crisis before anything,
 * then what stops contact, then the rest. Collection flows last.
 */
export const ROUTES: ReadonlyArray<[IntentId, IntentRoute]> = [
  ['crisis', { flow: CRISIS, needsVerification: false, needsAccount: false }],
  ['wrong_person', { flow: WRONG_PERSON, needsVerification: false, needsAccount: false }],
  ['deceased', { flow: DECEASED, needsVerification: false, needsAccount: true }],
  ['attorney', { flow: ATTORNEY, needsVerification: false, needsAccount: true }],
  ['cease_communication', { flow: CEASE, needsVerification: false, needsAccount: true }],
  ['bankruptcy', { flow: BANKRUPTCY, needsVerification: false, needsAccount: true }],
  ['channel_opt_out', { flow: OPT_OUT, needsVerification: false, needsAccount: true }],
  ['dispute', { flow: DISPUTE, needsVerification: true, needsAccount: true }],
  ['validation_request', { flow: VALIDATION, needsVerification: true, needsAccount: true }],
  ['inconvenient_time', { flow: INCONVENIENT_TIME, needsVerification: false, needsAccount: true }],
  ['inconvenient_place', { flow: INCONVENIENT_PLACE, needsVerification: false, needsAccount: true }],
  ['military', { flow: MILITARY, needsVerification: false, needsAccount: true }],
  ['complaint', { flow: COMPLAINT, needsVerification: false, needsAccount: false }],
  ['human_agent', { flow: HUMAN, needsVerification: false, needsAccount: false }],
  ['hardship', { flow: HARDSHIP, needsVerification: false, needsAccount: false }],
  ['language_change', { flow: LANGUAGE, needsVerification: false, needsAccount: false }],
  ['pay_in_full', { flow: PAY_IN_FULL, needsVerification: true, needsAccount: true }],
  ['settlement', { flow: SETTLEMENT, needsVerification: true, needsAccount: true }],
  ['payment_plan', { flow: PLAN, needsVerification: true, needsAccount: true }],
  ['promise_to_pay', { flow: PROMISE, needsVerification: true, needsAccount: true }],
  ['balance', { flow: BALANCE, needsVerification: true, needsAccount: true }],
  ['faq', { flow: FAQ, needsVerification: true, needsAccount: false }],
];

export const ROUTE_BY_INTENT = new Map<IntentId, IntentRoute>(ROUTES);
