// Types of scripts/spec-coverage.mjs for the TypeScript tests that import it.
export const SPEC_PATH: string;

export interface ParsedSpec {
  families: Set<string>;
  /** rule ID → line number in docs/spec.md */
  rules: Map<string, number>;
  problems: string[];
}

export interface Coverage {
  families: string[];
  rules: string[];
  testFiles: number;
  unnamed: string[];
  undefinedIds: { id: string; files: string[] }[];
  problems: string[];
}

export function parseSpec(text: string): ParsedSpec;
export function referencedIds(text: string, families: Set<string>): Set<string>;
export function testFiles(root: string): string[];
export function coverage(root: string, options?: { specText?: string; files?: string[] }): Coverage;
