import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script shared with `pnpm gen:api`, without type declarations
import { generateSchema, openApiDocument } from '../../scripts/api-schema.mjs';

describe('API-1: the committed API client is what the service describes now', () => {
  it('API-1: openapi/bridge.json and src/api/schema.d.ts equal what `bridge openapi` and openapi-typescript generate', async () => {
    const doc: string = openApiDocument(execFileSync);
    expect(readFileSync(new URL('../../openapi/bridge.json', import.meta.url), 'utf8')).toBe(doc);
    const types: string = await generateSchema(doc);
    // on a difference: run `./scripts/pnpm.sh --filter @bridge/web gen:api` and commit both files
    expect(readFileSync(new URL('./schema.d.ts', import.meta.url), 'utf8')).toBe(types);
  });
});
