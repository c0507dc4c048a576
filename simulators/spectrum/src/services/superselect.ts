import { compareCodes } from '../formats/spectrum-format.js';

/** A compiled SuperSelect expression: `matches(value)`; `all` when it selects everything. */
export interface SuperSelect {
  all: boolean;
  /** The single exact value, when the expression is one plain value (lets the store index it). */
  exact?: string;
  matches(value: string): boolean;
}

type Term = (value: string) => boolean;

function wildcard(pattern: string): Term {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const rx = new RegExp(`${re}$`, 's');
  return (v) => rx.test(v);
}

function term(text: string): Term {
  const slash = text.indexOf('/');
  if (slash > 0 && slash < text.length - 1) {
    const lo = text.slice(0, slash);
    const hi = text.slice(slash + 1);
    return (v) => compareCodes(v, lo) >= 0 && compareCodes(v, hi) <= 0;
  }
  if (text.includes('*') || text.includes('?')) return wildcard(text);
  return (v) => v === text;
}

/**
 * Spectrum "SuperSelect" on a Get parameter: blank, `ALL` or `*` = everything; `L*` and `??-1*`
 * wildcards; `A,B,C` lists (no spaces); `A/Z` ranges (compared as Spectrum's right-justified codes);
 * `#X` everything but X. Items combine: a value matches when it matches any included item (or there
 * is none) and no excluded one.
 */
export function compileSuperSelect(expression: string): SuperSelect {
  const text = expression.trim();
  if (text === '' || text === '*' || text.toUpperCase() === 'ALL') return { all: true, matches: () => true };
  const include: Term[] = [];
  const exclude: Term[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    if (item.startsWith('#')) exclude.push(term(item.slice(1)));
    else include.push(term(item));
  }
  const plain = !/[*?,/#]/.test(text);
  const result: SuperSelect = {
    all: false,
    matches: (v) => (include.length === 0 || include.some((f) => f(v))) && !exclude.some((f) => f(v)),
  };
  if (plain) result.exact = text;
  return result;
}
