// Regenerates the typed API client from the service's OpenAPI document:
//   openapi/bridge.json   the document, as the built service describes itself (`cli.js openapi`)
//   src/api/schema.d.ts   TypeScript types of every operation (openapi-typescript)
// Both files are committed; `src/api/schema.test.ts` fails when they differ from what the service generates now.
// Usage: node scripts/gen-api.mjs [--check]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSchema, openApiDocument } from './api-schema.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');
const docPath = path.join(root, 'openapi', 'bridge.json');
const typesPath = path.join(root, 'src', 'api', 'schema.d.ts');

const doc = openApiDocument(execFileSync);
const types = await generateSchema(doc);
if (process.argv.includes('--check')) {
  const same = readFileSync(docPath, 'utf8') === doc && readFileSync(typesPath, 'utf8') === types;
  if (!same) {
    console.error(
      'the committed API client is out of date: run `./scripts/pnpm.sh --filter @bridge/web gen:api`',
    );
    process.exit(1);
  }
} else {
  writeFileSync(docPath, doc);
  writeFileSync(typesPath, types);
  console.log(`wrote ${path.relative(root, docPath)} and ${path.relative(root, typesPath)}`);
}
