import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { badRequest, type ProblemItem } from './problem.js';

/**
 * INPUT-1: what the API accepts as text, for every path parameter, query parameter and body string (keys included),
 * before any operation sees it:
 * - no NUL character (U+0000): PostgreSQL stores neither text nor JSON with it;
 * - well-formed Unicode (no lone UTF-16 surrogate such as `\ud800`): it is no character at all, and the audit
 *   trail's JSON refuses it;
 * - a body nested at most {@link MAX_INPUT_DEPTH} levels deep (no request of the API needs more than a few).
 * A request breaking one of them is a 400 naming the field, and nothing is read or written.
 */
export const MAX_INPUT_DEPTH = 32;

/** At most this many entries in `errors[]` for one request (a 1 MB array of bad strings stays a small answer). */
const MAX_ITEMS = 20;

/** With the `u` flag a surrogate pair is one code point: only a lone surrogate is a `Cs` match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a text cannot be accepted, or `undefined` when it can (INPUT-1). */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode text (it holds a lone surrogate code unit)';
  return undefined;
}

/** `true` when the text can be stored as it is (INPUT-1). */
export const isStorableText = (s: string): boolean => textProblem(s) === undefined;

const fieldName = (path: readonly (string | number)[], root: string): string =>
  path.length === 0 ? root : path.join('.');

/** Every INPUT-1 violation in a parsed value, walked without recursion (deep input cannot exhaust the stack). */
export function inputTextProblems(
  value: unknown,
  root: string,
  rootPath: readonly string[] = [],
): ProblemItem[] {
  const items: ProblemItem[] = [];
  const stack: { v: unknown; path: (string | number)[]; depth: number }[] = [
    { v: value, path: [...rootPath], depth: 0 },
  ];
  while (stack.length > 0 && items.length < MAX_ITEMS) {
    const { v, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof v === 'string') {
      const why = textProblem(v);
      if (why)
        items.push({
          field: fieldName(path, root),
          rule: 'INPUT-1',
          code: 'invalid-characters',
          message: `${fieldName(path, root)} ${why}.`,
        });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      items.push({
        field: fieldName(path, root),
        rule: 'INPUT-1',
        code: 'too-deep',
        message: `${fieldName(path, root)} is nested more than ${MAX_INPUT_DEPTH} levels deep.`,
      });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const why = textProblem(key);
      if (why) {
        const shown = JSON.stringify(key).slice(0, 60);
        items.push({
          field: fieldName(path, root),
          rule: 'INPUT-1',
          code: 'invalid-characters',
          message: `The field name ${shown} ${why}.`,
        });
        continue;
      }
      stack.push({ v: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return items;
}

const WHERE = { body: 'body', query: 'query', param: 'path' } as const;

/**
 * Global pipe enforcing INPUT-1 on each path parameter, the query and the body an operation receives. It runs before
 * every other pipe (the zod validation included), after authentication and the permission gate.
 */
@Injectable()
export class InputTextPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type !== 'body' && meta.type !== 'query' && meta.type !== 'param') return value;
    const root = meta.data ?? WHERE[meta.type];
    const items = inputTextProblems(value, root, meta.data ? [meta.data] : []);
    if (items.length > 0)
      throw badRequest(items, `The request ${WHERE[meta.type]} holds text the API cannot accept.`);
    return value;
  }
}
