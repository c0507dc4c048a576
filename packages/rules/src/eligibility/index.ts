export * from './budgets.js';
export * from './commitments.js';
export * from './common.js';
export * from './job-costs.js';
export * from './limitations.js';
export * from './prime-contracts.js';
export * from './projects.js';
export * from './vendors.js';
