import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// `prisma generate` only checks that a schema engine binary exists; no binary can or need be downloaded (migrations
// run through the engine's WebAssembly build, see src/platform/db/migrations.ts). Point it at any existing file.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
