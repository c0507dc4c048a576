export * from './core/result.js';
export * from './domain/types.js';
export * from './formats/index.js';
