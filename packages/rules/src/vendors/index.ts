export * from './name-similarity.js';
export * from './suggest-vendor-matches.js';
