export * from './compare-write.js';
