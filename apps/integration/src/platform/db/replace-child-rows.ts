/** The two calls of a Prisma model delegate (e.g. `tx.commitmentLine`) that replacing a parent's rows needs. */
export interface ChildRowsTable<P, R> {
  deleteMany(args: { where: P }): PromiseLike<unknown>;
  createMany(args: { data: (R & P)[] }): PromiseLike<unknown>;
}

/**
 * Replaces every child row of one parent (the lines of a commitment, of a change order) in the caller's
 * transaction: the old rows are deleted, the new ones inserted in one statement with the parent's key.
 */
export async function replaceChildRows<P extends Record<string, string>, R extends object>(
  table: ChildRowsTable<NoInfer<P>, NoInfer<R>>,
  parent: P,
  rows: readonly R[],
): Promise<void> {
  await table.deleteMany({ where: parent });
  await table.createMany({ data: rows.map((r) => ({ ...r, ...parent })) });
}
