export * from './core/result.js';
export * from './formats/index.js';
