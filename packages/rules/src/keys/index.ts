export * from './derive-change-request-number.js';
export * from './derive-subcontract-number.js';
export * from './explain-derivation.js';
export * from './key-candidates.js';
export * from './validate-approver-key.js';
