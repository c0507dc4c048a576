const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Integer cents as dollars for display (money never goes through a float on its way to the API). */
export const formatCents = (cents: number) => usd.format(cents / 100);

/** Parses "1,234.56" / "1234.5" / "$12" into integer cents; null when it is not an amount. */
export function parseCents(text: string): number | null {
  const t = text.replace(/[$,\s]/g, '');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}
