#!/usr/bin/env node
/**
 * Operator commands:
 *   bridge migrate                 apply pending migrations (PostgreSQL; the embedded database migrates at start-up)
 *   bridge migrate-status          show the migration history of the database
 *   bridge migrate-dev <name>      (development) write a migration for schema changes and apply it
 *   bridge create-admin --name N --email E
 *                                  create the first admin and print their API token (once; it is stored hashed)
 *   bridge openapi                 print the OpenAPI document (JSON) of the API; needs no database and no server
 *   bridge doctor [--json]         check the configured Spectrum end to end (PROD-11): one line per check with its
 *                                  remedy; exit status 1 when a check fails
 * The database is DATABASE_URL (default: the embedded database in ./.data/bridge).
 */
import { parseArgs } from 'node:util';
import { isEmbeddedUrl, loadEnv } from './config/env.js';
import { openDatabase, patchPgCharColumns } from './platform/db/adapters.js';
import { applyMigrations, createMigration, migrationStatus } from './platform/db/migrations.js';
import { type CurrentClient, plainClient } from './platform/db/transactions.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'openapi') {
    const { buildOpenApiDocument } = await import('./openapi.js');
    const text = `${JSON.stringify(await buildOpenApiDocument(process.env), null, 2)}\n`;
    // A pipe takes the document in chunks: exit only once all of it is written.
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (err) => (err ? reject(err) : resolve())),
    );
    return 0;
  }
  const env = loadEnv(process.env);
  switch (command) {
    case 'migrate': {
      const db = await openDatabase(env.DATABASE_URL);
      try {
        const applied = await applyMigrations(db.adapter);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'migrate-status': {
      patchPgCharColumns();
      const db = await openDatabase(env.DATABASE_URL);
      try {
        console.log(JSON.stringify(await migrationStatus(db.adapter), null, 2));
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'migrate-dev': {
      const name = rest[0];
      if (!name) throw new Error('usage: bridge migrate-dev <name>');
      patchPgCharColumns();
      const db = await openDatabase(env.DATABASE_URL);
      try {
        const created = await createMigration(db.adapter, name);
        console.log(created ? `created and applied ${created}` : 'schema unchanged, no migration created');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { name: { type: 'string' }, email: { type: 'string' } },
      });
      const { name, email } = values;
      if (!name || !email) throw new Error('usage: bridge create-admin --name <name> --email <email>');
      const { createFirstAdmin } = await import('./users/first-admin.js');
      const { UsersRepository } = await import('./users/users.repository.js');
      const token = await onDatabase(env.DATABASE_URL, (db) =>
        createFirstAdmin(new UsersRepository(db), { name, email }),
      );
      console.log(`admin created. API token (shown once, keep it safe):\n${token}`);
      return 0;
    }
    case 'doctor': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const { runDoctor } = await import('./doctor/doctor.cli.js');
      const { SettingsRepository } = await import('./settings/settings.repository.js');
      const { SpectrumCallPermitsRepository } = await import(
        './spectrum/spectrum-call-permits.repository.js'
      );
      const { LocalCallPermits } = await import('./spectrum/local-call-permits.js');
      const report = await onDatabase(env.DATABASE_URL, (db) =>
        runDoctor(
          env,
          new SettingsRepository(db),
          // the embedded database's one instance keeps its limit in the process, as the service does
          isEmbeddedUrl(env.DATABASE_URL) ? new LocalCallPermits() : new SpectrumCallPermitsRepository(db),
        ),
      );
      const text = values.json ? JSON.stringify(report, null, 2) : report.lines.join('\n');
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(`${text}\n`, (err) => (err ? reject(err) : resolve())),
      );
      return report.ok ? 0 : 1;
    }
    default:
      console.error(
        'commands: migrate | migrate-status | migrate-dev <name> | create-admin --name N --email E | openapi | doctor [--json]',
      );
      return 2;
  }
}

/** Runs `fn` on the database's plain client (for the repositories a command builds), then closes it. */
async function onDatabase<T>(url: string, fn: (db: CurrentClient) => Promise<T>): Promise<T> {
  const { connectDatabase } = await import('./platform/db/prisma.service.js');
  const db = await connectDatabase(url);
  try {
    return await fn(plainClient(db.prisma));
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
