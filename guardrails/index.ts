// The public surface of the pure compliance core.
export * from './domain/index.js';
export * from './privacy/mask.js';
