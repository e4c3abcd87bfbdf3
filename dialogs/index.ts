export type * from './ports.js';
export * from './services.js';
export * from './session.js';
export { ParleyConversation, RecordsUnavailableDuringTurn } from './conversation.js';
export * from './outbound/index.js';
