import { describe, expect, it } from 'vitest';
import { allOf, checkFrom, codesOf, OK, reason, reasonsOf, withFieldPrefix } from './result.js';

describe('check results', () => {
  it('passes when no reason is found and keeps every reason otherwise', () => {
    expect(checkFrom([null, false, undefined])).toEqual(OK);
    const c = checkFrom([reason('a', 'X-1', 'A'), null, reason('b', 'X-2', 'B', 'f')]);
    expect(codesOf(c)).toEqual(['a', 'b']);
    expect(reasonsOf(c)[1]).toEqual({ code: 'b', rule: 'X-2', message: 'B', field: 'f' });
    expect(reasonsOf(OK)).toEqual([]);
  });

  it('joins checks without repeating the same reason', () => {
    const a = checkFrom([reason('x', 'R-1', 'x')]);
    const b = checkFrom([reason('x', 'R-1', 'x again'), reason('y', 'R-1', 'y')]);
    expect(codesOf(allOf(a, OK, b))).toEqual(['x', 'y']);
    expect(allOf(OK, OK)).toEqual(OK);
  });

  it('prefixes fields for nested input', () => {
    const c = withFieldPrefix(
      checkFrom([reason('x', 'R-1', 'x', 'amount'), reason('y', 'R-1', 'y')]),
      'lines[2]',
    );
    expect(reasonsOf(c).map((r) => r.field)).toEqual(['lines[2].amount', 'lines[2]']);
    expect(withFieldPrefix(OK, 'a')).toBe(OK);
  });
});
