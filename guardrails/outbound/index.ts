// Outbound planning, pure: pacing by situation, what the contact history says about a consumer's
// habits, and local-time helpers. The gate still decides every message; these only choose among what
// it allows, and hold back more than the law requires, never less.
export {
  DEFAULT_PACING,
  PACING_SITUATIONS,
  evaluatePacing,
  pacingConfigSchema,
  pacingFor,
  pacingOverridesSchema,
  pacingPolicySchema,
  pacingRuleSchema,
  parsePacingConfig,
  situationsOf,
  type PacingCommitment,
  type PacingConfig,
  type PacingPolicy,
  type PacingPolicyInput,
  type PacingRequest,
  type PacingResult,
  type PacingRule,
  type PacingSituation,
} from './pacing.js';
export { contactPreference, describeAnswers, type ContactPreference } from './preference.js';
export { addDays, homeZone, homeZoneOf, localDate, localHour, nextLocalHour, zonedInstant } from './local-time.js';
