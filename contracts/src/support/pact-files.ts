import path from 'node:path';

/** Where the consumer run writes the pact and the provider run reads it (committed). */
export const PACT_DIR = path.resolve(import.meta.dirname, '../../pacts');
export const PACT_FILE = path.join(PACT_DIR, 'bridge-integration-spectrum.json');
