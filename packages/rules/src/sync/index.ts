export * from './canonical-row.js';
export * from './snapshot-diff.js';
