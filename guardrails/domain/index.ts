export * from './money.js';
export * from './channel.js';
export * from './account.js';
export * from './jurisdiction.js';
export * from './parse-account.js';
export * from './flags.js';
export * from './contact.js';
