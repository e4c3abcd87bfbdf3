export type * from './ports.js';
export * from './services.js';
export * from './session.js';
export { ParleyConversation } from './conversation.js';
export * from './outbound/index.js';
export { takeInRights, intakeOf, type RightsIntake, type IntakeMessage, type IntakeStores } from './rights/intake.js';
