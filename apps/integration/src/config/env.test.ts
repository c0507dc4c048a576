import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.js';

const KEY = 'ab'.repeat(32);

describe('environment (config/env.ts)', () => {
  it('applies defaults: embedded database, port 3000, scheduler and worker on', () => {
    const env = loadEnv({ ENCRYPTION_KEY: KEY });
    expect(env).toMatchObject({
      DATABASE_URL: 'pglite://./.data/bridge',
      PORT: 3000,
      SCHEDULER_ENABLED: true,
      WORKER_ENABLED: true,
      DEMO_MODE: false,
    });
    expect(env.ENCRYPTION_KEY).toHaveLength(32);
  });

  it('fails fast with every problem, each naming its variable', () => {
    try {
      loadEnv({ ENCRYPTION_KEY: 'short', PORT: '99999', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      const msg = (e as Error).message;
      for (const v of ['ENCRYPTION_KEY', 'PORT', 'DATABASE_URL', 'SMTP_URL']) expect(msg).toContain(v);
    }
    expect(() => loadEnv({})).toThrow(/ENCRYPTION_KEY/);
  });

  it('refuses demo mode in production (demo users have published tokens)', () => {
    expect(() => loadEnv({ ENCRYPTION_KEY: KEY, NODE_ENV: 'production', DEMO_MODE: 'true' })).toThrow(
      /DEMO_MODE/,
    );
  });

  it('accepts the committed .env.example once a key is filled in', () => {
    const text = readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8');
    const vars = Object.fromEntries(
      text
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(loadEnv({ ...vars, ENCRYPTION_KEY: KEY })).toMatchObject({ NODE_ENV: 'production', PORT: 3000 });
  });
});
