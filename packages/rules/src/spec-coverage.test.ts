import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coverage, parseSpec, referencedIds, testFiles } from '../../../scripts/spec-coverage.mjs';

// docs/spec.md defines the product's rules; tests name the rule they prove. This keeps the two in step for the
// whole repository: a rule nobody proves, or a test proving a rule nobody wrote down, fails here and in
// scripts/spec-coverage (CI).
const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('docs/spec.md and the tests of the repository', () => {
  const result = coverage(ROOT);

  it('reads the spec and the test files of every package', () => {
    expect(result.rules.length).toBeGreaterThanOrEqual(76);
    expect(result.families).toEqual(expect.arrayContaining(['GEN', 'COM', 'PCCO', 'API']));
    const files = testFiles(ROOT);
    for (const dir of [
      'apps/integration/',
      'packages/rules/',
      'packages/spectrum-client/',
      'simulators/spectrum/',
      'contracts/',
    ])
      expect(files.some((f) => f.startsWith(dir))).toBe(true);
    expect(files).toContain('packages/rules/src/spec-coverage.test.ts');
  });

  it('defines no rule ID twice', () => {
    expect(result.problems).toEqual([]);
  });

  it('defines every rule ID a test names', () => {
    expect(result.undefinedIds).toEqual([]);
  });

  it('has a test naming every rule it defines', () => {
    expect(result.unnamed).toEqual([]);
  });
});

// Fixture families (ZED, QUX, ZEDX) that the real spec does not declare, so the fixtures here name no real rule.
const SPEC = [
  '# Rules',
  '## Rule families',
  '| family | area |',
  '| --- | --- |',
  '| `ZED` | first area |',
  '| `QUX` | reserved area |',
  '## First area (ZED)',
  '- **ZED-1** first rule. Why: reasons.',
  '- **ZED-2** second rule.',
  '- **ZEDX-7** a rule of a family the table does not list.',
  '| `NOTAFAMILY` | a table outside the families section |',
  '  - **ZED-3** indented: not a definition',
].join('\n');

describe('the spec grammar', () => {
  it('declares families from the families table and from rule lines, and rules from bold list items', () => {
    const spec = parseSpec(SPEC);
    expect([...spec.families].sort()).toEqual(['QUX', 'ZED', 'ZEDX']);
    expect([...spec.rules.keys()]).toEqual(['ZED-1', 'ZED-2', 'ZEDX-7']);
    expect(spec.rules.get('ZED-2')).toBe(9);
    expect(spec.problems).toEqual([]);
  });

  it('reports a rule defined twice', () => {
    expect(parseSpec(`${SPEC}\n- **ZED-1** again`).problems).toEqual([
      'ZED-1 is defined twice (lines 8 and 13)',
    ]);
  });

  it('counts a declared family with a number 1-999 standing alone as a rule reference, and nothing else', () => {
    const families = new Set(['ZED', 'QUX', 'ZEDX']);
    const text = [
      "it('ZED-1: works', () => {}); // also ZED-2, (QUX-3) and ZEDX-7.",
      'ZED-999 and ZED-1000 and ZED-01 and ZED-0',
      "number: 'ZED-2025-0003', key: 'SC-042', token: 'tok-ZED-4', 'ZED-5a', 'ZED_6', ABC-1, ZEDY-1, XZED-8",
    ].join('\n');
    expect([...referencedIds(text, families)].sort()).toEqual([
      'QUX-3',
      'ZED-1',
      'ZED-2',
      'ZED-999',
      'ZEDX-7',
    ]);
    expect(referencedIds(text, new Set()).size).toBe(0);
  });
});

describe('coverage of a checkout', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function checkout(spec: string, tests: Record<string, string>): string {
    dir = mkdtempSync(path.join(tmpdir(), 'spec-coverage-'));
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'spec.md'), spec);
    for (const [file, text] of Object.entries(tests)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  it('lists the rules no test names and the IDs tests name that the spec does not define', () => {
    const root = checkout(SPEC, {
      'pkg/src/a.test.ts': "it('ZED-1: a', () => {}); it('QUX-1: reserved family, no rule yet', () => {});",
      'pkg/test/b.ts': "// ZED-9 is named here but not defined; 'ZED-2025-0003' is data",
      'pkg/src/c.ts': '// ZED-2 in a source file is not a test naming it',
      'pkg/node_modules/x/d.test.ts': "it('ZED-2: not ours', () => {});",
    });
    const r = coverage(root);
    expect(r.testFiles).toBe(2);
    expect(r.unnamed).toEqual(['ZED-2', 'ZEDX-7']);
    expect(r.undefinedIds).toEqual([
      { id: 'QUX-1', files: ['pkg/src/a.test.ts'] },
      { id: 'ZED-9', files: ['pkg/test/b.ts'] },
    ]);
  });

  it('is clean when every rule is named and every named ID is defined; a one-line rule closes a gap', () => {
    const tests = {
      'src/x.test.ts': "it('ZED-1/ZED-2', () => {}); it('ZEDX-7', () => {}); it('QUX-1', () => {});",
    };
    const before = coverage(checkout(SPEC, tests));
    expect(before.unnamed).toEqual([]);
    expect(before.undefinedIds.map((u) => u.id)).toEqual(['QUX-1']);
    rmSync(dir, { recursive: true, force: true });
    const after = coverage(checkout(`${SPEC}\n- **QUX-1** the reserved family's first rule.`, tests));
    expect(after).toMatchObject({ unnamed: [], undefinedIds: [], problems: [] });
  });
});
