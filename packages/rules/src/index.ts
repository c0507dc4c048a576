export * from './core/result.js';
export * from './domain/types.js';
export * from './formats/index.js';
export * from './eligibility/index.js';
export * from './permissions/authorize.js';
export * from './schedules/next-run.js';
export * from './sync/index.js';
export * from './keys/index.js';
