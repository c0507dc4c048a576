/**
 * `@bridge/spectrum-client/testing`: what other packages' tests need to hold a reader to the client's expectations
 * (the contracts run the shared Info-Link reader expectations against the simulator). Needs vitest and pg.
 */
export { createPgExecutor } from '../infolink/sql/pg-executor.js';
export { sampleData } from '../mocks/fixtures.js';
export { infoLinkJson } from '../mocks/infolink-json.js';
export type { InfoLinkTableName, SpectrumMockData } from '../mocks/mock-data.js';
export { describeInfoLinkReaderContract, type InfoLinkReaderHarness } from './infolink-reader-contract.js';
