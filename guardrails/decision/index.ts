export type { RuleApplication, Violation, Verdict, GateDecision, SmsLength } from './types.js';
export { messagePurposeSchema, MESSAGE_PURPOSES, type MessagePurpose } from './purpose.js';
