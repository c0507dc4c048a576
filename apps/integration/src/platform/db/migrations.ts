import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Prisma migrations without the native schema engine: Prisma's schema engine compiled to WebAssembly, driven
 * through a driver adapter. The same `prisma/migrations` folder serves the embedded database and PostgreSQL, and
 * applied migrations are recorded in `_prisma_migrations` as the Prisma CLI would.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = [path.resolve(here, '../../..'), path.resolve(here, '../..')].find((d) =>
  existsSync(path.join(d, 'prisma', 'schema.prisma')),
) as string;
export const SCHEMA_PATH = path.join(appRoot, 'prisma', 'schema.prisma');
export const MIGRATIONS_DIR = path.join(appRoot, 'prisma', 'migrations');

const filters = { externalTables: [] as string[], externalEnums: [] as string[] };
interface WasmApi {
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (module: unknown, imports: Record<string, unknown>) => { exports: unknown };
}
type Glue = typeof glue & { __wbg_set_wasm(exports: unknown): void };
let loaded: Glue | undefined;

function engineModule(): Glue {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(
    path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
    'schema_engine_bg.wasm',
  );
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(readFileSync(wasmPath)), {
    './schema_engine_bg.js': glue,
  });
  const g = glue as Glue;
  g.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  loaded = g;
  return g;
}

export function migrationsList(dir = MIGRATIONS_DIR) {
  const dirs = existsSync(dir)
    ? readdirSync(dir)
        .filter((d) => statSync(path.join(dir, d)).isDirectory())
        .sort()
    : [];
  const lockPath = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((d) => {
      const f = path.join(dir, d, 'migration.sql');
      return {
        path: d,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(f)
            ? { tag: 'ok' as const, value: readFileSync(f, 'utf8') }
            : { tag: 'error' as const, value: 'missing migration.sql' },
        },
      };
    }),
  };
}

type Engine = Awaited<ReturnType<typeof glue.SchemaEngine.new>>;

/**
 * Opens the engine. The engine never disposes the main connection it opens, so connections are tracked and
 * disposed on close (idempotently: it does dispose shadow connections itself).
 */
async function withEngine<T>(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  fn: (e: Engine) => Promise<T>,
): Promise<T> {
  const se = engineModule();
  const opened: { dispose(): Promise<void> }[] = [];
  const track = <A extends { dispose(): Promise<void> }>(a: A): A => {
    const dispose = a.dispose.bind(a);
    let done: Promise<void> | undefined;
    a.dispose = () => {
      done ??= dispose();
      return done;
    };
    opened.push(a);
    return a;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => track(await adapter.connect()),
    connectToShadowDb: async () => track(await adapter.connectToShadowDb()),
  };
  const engine = await se.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, readFileSync(SCHEMA_PATH, 'utf8')]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.all(opened.splice(0).map((a) => a.dispose()));
  }
}

/** `prisma migrate deploy`: applies pending migrations; returns their names. */
export function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  return withEngine(
    adapter,
    async (e) =>
      (await e.applyMigrations({ migrationsList: migrationsList(), filters })).appliedMigrationNames,
  );
}

/** The SQL that would bring the migrations to the schema; empty when the migrations produce the schema exactly. */
export function diffMigrationsToSchema(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(adapter, async (e) => {
    const r = await e.diff({
      from: { tag: 'migrations', ...migrationsList() },
      to: {
        tag: 'schemaDatamodel',
        files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }],
      },
      script: true,
      exitCode: null,
      filters,
    } as Parameters<Engine['diff']>[0]);
    return (r as { stdout?: string }).stdout ?? '';
  });
}

/** The SQL that would bring the live database to the schema; empty when there is no drift. */
export function diffDatabaseToSchema(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  return withEngine(adapter, async (e) => {
    const r = await e.diff({
      from: {
        tag: 'schemaDatasource',
        files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }],
        configDir: appRoot,
      },
      to: {
        tag: 'schemaDatamodel',
        files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }],
      },
      script: true,
      exitCode: null,
      filters,
    } as Parameters<Engine['diff']>[0]);
    return (r as { stdout?: string }).stdout ?? '';
  });
}

/** `prisma migrate dev --name <name>`: writes a new migration for the schema changes (if any) and applies it. */
export function createMigration(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  name: string,
): Promise<string | null> {
  return withEngine(adapter, async (e) => {
    const diagnostic = await e.devDiagnostic({ migrationsList: migrationsList(), filters });
    if (diagnostic.action.tag === 'reset') {
      throw new Error(`the development database needs a reset first: ${diagnostic.action.reason}`);
    }
    await e.applyMigrations({ migrationsList: migrationsList(), filters });
    const c = await e.createMigration({
      draft: false,
      migrationName: name,
      migrationsList: migrationsList(),
      schema: { files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') }] },
      filters,
    } as Parameters<Engine['createMigration']>[0]);
    if (c.migrationScript == null) return null;
    const dir = path.join(MIGRATIONS_DIR, c.generatedMigrationName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `migration.${c.extension}`), c.migrationScript);
    const lock = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
    if (!existsSync(lock)) {
      writeFileSync(
        lock,
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${c.connectorType}"\n`,
      );
    }
    await e.applyMigrations({ migrationsList: migrationsList(), filters });
    return c.generatedMigrationName;
  });
}

/** Migration history status (`prisma migrate status`). */
export function migrationStatus(adapter: SqlMigrationAwareDriverAdapterFactory) {
  return withEngine(adapter, (e) =>
    e.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters }),
  );
}
