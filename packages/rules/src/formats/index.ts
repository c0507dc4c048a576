export * from './amounts.js';
export * from './codes.js';
export * from './dates.js';
export * from './limits.js';
export * from './validators.js';
