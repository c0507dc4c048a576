export * from './map-budget.js';
export * from './map-change-requests.js';
export * from './map-commitment-to-subcontract.js';
export * from './map-company-to-add-vendor.js';
export * from './map-project-to-add-job.js';
export * from './payload-fields.js';
export * from './validate-payload.js';
export * from './wire-values.js';
