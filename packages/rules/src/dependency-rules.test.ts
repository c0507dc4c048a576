import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The dependency direction of docs/architecture.md is checked by `lint:deps` (dependency-cruiser with the repository's
// .dependency-cruiser.cjs). This test runs those rules on a small tree laid out like the repository, with one
// deliberate violation per rule, so a rule that stops catching anything fails here.

const root = path.resolve(import.meta.dirname, '../../..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;

const FILES: Record<string, string> = {
  'packages/rules/src/pure.ts': 'export const pure = 1;\n',
  'packages/rules/src/reads-files.ts':
    "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
  'packages/rules/src/uses-client.ts':
    "import { c } from '../../spectrum-client/src/client.js';\nexport const x = c;\n",
  'packages/spectrum-client/src/client.ts': 'export const c = 1;\n',
  'packages/spectrum-client/src/uses-simulator.ts':
    "import { s } from '../../../simulators/spectrum/src/sim.js';\nexport const y = s;\n",
  'simulators/spectrum/src/sim.ts': 'export const s = 1;\n',
  'simulators/spectrum/src/uses-rules.ts':
    "import { pure } from '../../../packages/rules/src/pure.js';\nexport const z = pure;\n",
  'apps/web/src/uses-service.ts':
    "import { a } from '../../integration/src/widgets/widgets.service.js';\nexport const w = a;\n",
  'apps/integration/src/generated/prisma/client.ts': 'export class PrismaClient {}\n',
  'apps/integration/src/widgets/widgets.repository.ts':
    "import { PrismaClient } from '../generated/prisma/client.js';\nexport const r = PrismaClient;\n",
  'apps/integration/src/widgets/widgets.service.ts':
    "import { PrismaClient } from '../generated/prisma/client.js';\nexport const a = PrismaClient;\n",
  'apps/integration/src/platform/uses-feature.ts':
    "import { a } from '../widgets/widgets.service.js';\nexport const p = a;\n",
};

let tree: string;
beforeAll(() => {
  tree = mkdtempSync(path.join(tmpdir(), 'dependency-rules-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
    writeFileSync(path.join(tree, file), text);
  }
});
afterAll(() => rmSync(tree, { recursive: true, force: true }));

describe('the dependency rules of lint:deps', () => {
  it('report each deliberate violation under its rule, and nothing that follows the direction', async () => {
    const { forbidden = [] } = config;
    const result = await cruise(['packages', 'simulators', 'apps'], {
      validate: true,
      ruleSet: { forbidden },
      baseDir: tree,
      tsPreCompilationDeps: true,
      exclude: { path: 'node_modules' },
    });
    if (typeof result.output === 'string') throw new Error('expected a cruise result');
    const found = result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual(
      [
        'client-without-simulator: packages/spectrum-client/src/uses-simulator.ts → simulators/spectrum/src/sim.ts',
        'no-feature-imports-core-internals-backwards: apps/integration/src/platform/uses-feature.ts → apps/integration/src/widgets/widgets.service.ts',
        'prisma-only-in-repositories: apps/integration/src/widgets/widgets.service.ts → apps/integration/src/generated/prisma/client.ts',
        'rules-are-pure: packages/rules/src/uses-client.ts → packages/spectrum-client/src/client.ts',
        'rules-no-node-builtins: packages/rules/src/reads-files.ts → fs',
        'simulator-stands-alone: simulators/spectrum/src/uses-rules.ts → packages/rules/src/pure.ts',
        'web-talks-http-only: apps/web/src/uses-service.ts → apps/integration/src/widgets/widgets.service.ts',
      ].sort(),
    );
    // loading dependency-cruiser and TypeScript takes seconds on a busy machine; the cruise itself is small
  }, 60_000);
});
