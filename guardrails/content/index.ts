// Draft checks (content rails): what a message may not say, whatever phrased it.
export { checkDraft, type DraftFinding } from './check.js';
export type { DraftContext, IntendedAction } from './types.js';
export { findDates, type FoundDate } from './dates.js';
export { findAmounts, type FoundAmount } from './money.js';
export { passesLuhn } from './numbers.js';
