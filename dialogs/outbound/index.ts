// Outbound: what Parley writes first, planned through the gate, and the events that schedule it.
export {
  CHECK_IN_ACT,
  OUTBOUND_CHANNELS,
  planOutbound,
  type CandidateSummary,
  type OutboundChannel,
  type OutboundChoice,
  type OutboundPlan,
  type PlanInput,
  type PlanMessage,
  type PlanVerdict,
} from './plan.js';
export { auditRecordOf, resolutionOf } from './resolve.js';
export {
  OUTBOUND_KINDS,
  OutboundRequestError,
  followUpFor,
  remindersForArrangement,
  scheduleFollowUp,
  scheduleForArrangement,
  scheduleOutbound,
  validateOutbound,
  withArrangementReminders,
  type ArrangementReminderOptions,
  type FollowUpRequest,
  type ReminderWiring,
} from './schedule.js';
