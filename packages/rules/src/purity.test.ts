import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// packages/rules is pure: no I/O, no Nest, no Prisma, no Node built-ins (docs/decisions.md → Rules package). Biome enforces the same;
// this test keeps the rule even where lint is skipped.
const FORBIDDEN = [
  /^node:/,
  /^@nestjs\//,
  /^@prisma\//,
  /^prisma$/,
  /^pg$/,
  /^@electric-sql\//,
  /^(fs|http|https|net|child_process|os|path|crypto|worker_threads)$/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'test-support' ? [] : sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('purity of packages/rules', () => {
  it('imports nothing that does I/O or belongs to the service', () => {
    const files = sourceFiles(path.resolve(import.meta.dirname));
    expect(files.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
      )) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        if (FORBIDDEN.some((re) => re.test(spec))) offenders.push(`${path.basename(file)}: ${spec}`);
      }
      if (/\bprocess\.env\b|\bfetch\(/.test(text))
        offenders.push(`${path.basename(file)}: uses process.env or fetch`);
    }
    expect(offenders).toEqual([]);
  });
});
