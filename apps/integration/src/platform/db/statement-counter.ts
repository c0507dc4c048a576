import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** What a statement hook hears: the SQL sent, or a transaction's start and end (each a round trip). */
export type StatementListener = (sql: string, args?: readonly unknown[]) => void;

const STATEMENT_METHODS = new Set(['queryRaw', 'executeRaw']);

/** Calls `listener` before each statement of `target` (bound to the target: driver classes keep private fields). */
function watch<T extends object>(target: T, listener: StatementListener): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value = Reflect.get(t, prop, receiver);
      if (typeof value !== 'function') return value;
      const name = String(prop);
      if (STATEMENT_METHODS.has(name))
        return (query: { sql: string; args?: unknown[] }, ...rest: unknown[]) => {
          listener(query.sql, query.args);
          return value.call(t, query, ...rest);
        };
      if (name === 'startTransaction')
        return async (...args: unknown[]) => {
          listener('BEGIN');
          return watch(await value.apply(t, args), listener);
        };
      if (name === 'connect')
        return async (...args: unknown[]) => watch(await value.apply(t, args), listener);
      return value.bind(t);
    },
  });
}

/**
 * The driver adapter factory with every SQL statement reported to `listener` (transaction start and end included):
 * how the API benchmark and the N+1 test count the statements of a request, on both databases.
 */
export function withStatementListener<F extends SqlDriverAdapterFactory>(
  factory: F,
  listener: StatementListener,
): F {
  return watch(factory, listener);
}
