export { evaluate } from './evaluate.js';
export { smsBodyBudget, type SmsBudgetRequest } from './budget.js';
export type { GateRequest, MessageTarget, SmsBudget } from './types.js';
