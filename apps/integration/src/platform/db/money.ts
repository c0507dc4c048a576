/** Money columns are BigInt cents; the domain uses safe-integer cents. Conversions refuse anything unsafe. */
export function centsFromDb(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${value} cents is beyond the safe range`);
  return n;
}

export function centsToDb(cents: number): bigint {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount must be whole cents, got ${cents}`);
  return BigInt(cents);
}

export function optionalCentsFromDb(value: bigint | null): number | null {
  return value === null ? null : centsFromDb(value);
}
