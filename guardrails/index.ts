// The public surface of the pure compliance core.
export * from './domain/index.js';
