// The dependency direction of docs/architecture.md, checked by `./scripts/pnpm.sh lint` (lint:deps).
// Every violation fails lint (there is no baseline of known ones).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'rules-are-pure',
      comment:
        'packages/rules is pure: no I/O, no framework, no other part of the repository (tests may read files).',
      severity: 'error',
      from: { path: '^packages/rules/src', pathNot: '\\.test\\.ts$' },
      to: {
        path: [
          '^(apps|simulators|contracts)/',
          '^packages/spectrum-client/',
          'node_modules/(@nestjs|@prisma|prisma|express|pino|undici|msw)/',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'rules-no-node-builtins',
      comment: 'packages/rules has no I/O: no module of Node at all (tests may read files).',
      severity: 'error',
      from: { path: '^packages/rules/src', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'simulator-stands-alone',
      comment: 'The simulator imports nothing of apps/* or packages/* (its formats and parsing are its own).',
      severity: 'error',
      from: { path: '^simulators/spectrum/' },
      to: { path: '^(apps|packages|contracts)/' },
    },
    {
      name: 'client-without-simulator',
      comment:
        'The client never imports the simulator (contracts/ and the service tests bring the two together).',
      severity: 'error',
      from: { path: '^packages/spectrum-client/' },
      to: { path: '^(simulators|apps|contracts)/' },
    },
    {
      name: 'web-talks-http-only',
      comment:
        'The web app only talks HTTP to the service: no code of the service, the client or the simulator.',
      severity: 'error',
      from: { path: '^apps/web/src' },
      to: { path: '^(apps/integration|packages|simulators|contracts)/' },
    },
    {
      name: 'service-source-not-from-tests-or-simulator',
      comment: 'The service never imports the simulator or test support outside its tests.',
      severity: 'error',
      from: { path: '^apps/integration/src', pathNot: '(\\.test\\.ts$|/test-support/)' },
      to: { path: ['^simulators/', '^apps/integration/test/'] },
    },
    {
      name: 'prisma-only-in-repositories',
      comment:
        'Only repositories, platform/ (database, wiring) and the composition roots touch Prisma and the database layer.',
      severity: 'error',
      from: {
        path: '^apps/integration/src',
        pathNot: [
          '\\.repository\\.ts$',
          '^apps/integration/src/platform/',
          '^apps/integration/src/generated/',
          '^apps/integration/src/(app|main|cli|openapi)\\.ts$',
          '\\.test\\.ts$',
        ],
      },
      to: { path: ['^apps/integration/src/generated/prisma/', '^apps/integration/src/platform/db/'] },
    },
    {
      name: 'no-feature-imports-core-internals-backwards',
      comment: 'platform/ is below every feature: it imports no feature folder.',
      severity: 'error',
      from: {
        path: '^apps/integration/src/platform/',
        pathNot: '(\\.test\\.ts$|^apps/integration/src/platform/platform\\.module\\.ts$)',
      },
      to: {
        path: '^apps/integration/src/(?!platform/|generated/|config/)[^/]+/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)node_modules/', '\\.d\\.ts$', '^apps/web/src/api/schema'] },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
