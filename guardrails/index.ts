// The public surface of the pure compliance core.
export * from './domain/index.js';
export * from './privacy/mask.js';
export * from './text/index.js';
export * from './decision/index.js';
export * from './rules/index.js';
export * from './contact-window/index.js';
export * from './frequency/index.js';
export * from './disclosures/index.js';
export * from './gate/index.js';
export * from './content/index.js';
export * from './intents/index.js';
export * from './outbound/index.js';
