// Spec coverage: every rule docs/spec.md defines is named by a test, and every rule ID a test names is defined
// in docs/spec.md. Used by `scripts/spec-coverage` (CI) and by the checker test in packages/rules.
//
// The grammar (docs/spec.md, "How rule IDs work"):
// - a rule family is declared by a row of the "Rule families" table: | `COM` | ... |
// - a rule is defined by one list item that starts with its ID in bold: - **COM-1** ...
//   (a rule of a family the table does not list declares that family too);
// - a test names a rule when FAMILY-N appears in a test file as a token of its own, FAMILY being a declared
//   family and N a number from 1 to 999 without leading zeros. Tokens such as `SC-042`, `BUD-001`,
//   `CCO-2025-0003` or `tok-SECRET-1` are data, not rule references.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SPEC_PATH = 'docs/spec.md';

const FAMILY_ROW = /^\|\s*`([A-Z]{2,8})`\s*\|/;
const RULE_LINE = /^- \*\*([A-Z]{2,8})-([1-9][0-9]{0,2})\*\*/;
const TEST_FILE = /(\.test\.tsx?|\.spec\.tsx?|(^|\/)tests?\/.*\.tsx?)$/;

/** Families and rules docs/spec.md defines, with the problems of the document itself. */
export function parseSpec(text) {
  const families = new Set();
  const rules = new Map();
  const problems = [];
  let inFamilies = false;
  text.split('\n').forEach((line, i) => {
    if (/^#{1,6} /.test(line)) inFamilies = /^#{1,6} Rule families\b/.test(line);
    const fam = inFamilies ? FAMILY_ROW.exec(line) : null;
    if (fam) families.add(fam[1]);
    const rule = RULE_LINE.exec(line);
    if (!rule) return;
    const id = `${rule[1]}-${rule[2]}`;
    if (rules.has(id)) problems.push(`${id} is defined twice (lines ${rules.get(id)} and ${i + 1})`);
    else rules.set(id, i + 1);
    families.add(rule[1]);
  });
  return { families, rules, problems };
}

/** The rule IDs a test file's text names, given the declared families. */
export function referencedIds(text, families) {
  if (families.size === 0) return new Set();
  const alt = [...families].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`(?<![A-Za-z0-9_-])(?:${alt})-[1-9][0-9]{0,2}(?![A-Za-z0-9_-])`, 'g');
  return new Set(text.match(re) ?? []);
}

function walk(root, dir = '') {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist') return [];
    const rel = dir ? `${dir}/${name}` : name;
    return statSync(path.join(root, rel)).isDirectory() ? walk(root, rel) : [rel];
  });
}

/** The test files of a checkout: tracked and untracked-but-not-ignored files (every file outside git). */
export function testFiles(root) {
  let files;
  try {
    files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\n')
      .filter(Boolean);
  } catch {
    files = walk(root);
  }
  return files.filter((f) => TEST_FILE.test(f) && !f.split('/').includes('node_modules')).sort();
}

/**
 * Compares the spec with the tests of the checkout at `root`:
 * `unnamed`: rules no test names; `undefinedIds`: IDs tests name that the spec does not define (with the files).
 */
export function coverage(root, options = {}) {
  const specText = options.specText ?? readFileSync(path.join(root, SPEC_PATH), 'utf8');
  const spec = parseSpec(specText);
  const files = options.files ?? testFiles(root);
  const namedBy = new Map();
  for (const file of files) {
    let text;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue; // listed by git but deleted in the work tree
    }
    for (const id of referencedIds(text, spec.families)) {
      if (!namedBy.has(id)) namedBy.set(id, []);
      namedBy.get(id).push(file);
    }
  }
  const byId = (a, b) => {
    const [fa, na] = a.split('-');
    const [fb, nb] = b.split('-');
    return fa === fb ? Number(na) - Number(nb) : fa < fb ? -1 : 1;
  };
  const rules = [...spec.rules.keys()].sort(byId);
  return {
    families: [...spec.families].sort(),
    rules,
    testFiles: files.length,
    unnamed: rules.filter((id) => !namedBy.has(id)),
    undefinedIds: [...namedBy.keys()]
      .filter((id) => !spec.rules.has(id))
      .sort(byId)
      .map((id) => ({ id, files: namedBy.get(id) })),
    problems: spec.problems,
  };
}

function selected(id, filters) {
  return filters.length === 0 || filters.some((f) => (f.includes('-') ? id === f : id.startsWith(`${f}-`)));
}

function main(argv) {
  const root = path.resolve(
    process.env.SPEC_COVERAGE_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'),
  );
  const filters = argv.filter((a) => a !== '--json');
  const all = coverage(root);
  const unnamed = all.unnamed.filter((id) => selected(id, filters));
  const undefinedIds = all.undefinedIds.filter((u) => selected(u.id, filters));
  const rules = all.rules.filter((id) => selected(id, filters));
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...all, rules, unnamed, undefinedIds }, null, 2)}\n`);
  } else {
    for (const p of all.problems) console.log(`docs/spec.md: ${p}`);
    if (unnamed.length > 0) {
      console.log('rules of docs/spec.md that no test names:');
      for (const id of unnamed) console.log(`  ${id}`);
    }
    if (undefinedIds.length > 0) {
      console.log('rule IDs tests name that docs/spec.md does not define:');
      for (const u of undefinedIds) console.log(`  ${u.id}  (${u.files.join(', ')})`);
    }
    console.log(
      `spec coverage: ${rules.length - unnamed.length}/${rules.length} rules named by tests, ` +
        `${undefinedIds.length} undefined IDs named, ${all.testFiles} test files read`,
    );
  }
  return unnamed.length > 0 || undefinedIds.length > 0 || all.problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
