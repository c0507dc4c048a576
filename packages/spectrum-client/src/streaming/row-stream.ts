/** Rows delivered one at a time; `toArray()` for callers that want a small result in memory. */
export interface RowStream<T> extends AsyncIterable<T> {
  toArray(): Promise<T[]>;
}

export function rowStream<T>(source: () => AsyncGenerator<T>): RowStream<T> {
  return {
    [Symbol.asyncIterator]: () => source(),
    async toArray() {
      const out: T[] = [];
      for await (const row of source()) out.push(row);
      return out;
    },
  };
}
