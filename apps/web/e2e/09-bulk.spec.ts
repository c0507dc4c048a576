import { expect, test } from '@playwright/test';
import { api, expectAccessible, sentCommitment, signInAs } from './support';

const LINES = [{ costCode: '010000', costType: 'S', description: 'Bulk line', amountCents: 250_000 }];
const NAMES = ['SC-901 Bulk one', 'SC-902 Bulk two', 'SC-903 Bulk three'];

test.beforeAll(async () => {
  for (const name of NAMES) {
    const [number, ...title] = name.split(' ');
    await sentCommitment('24-101', 'BAYPLB', {
      number: number as string,
      title: title.join(' '),
      lines: LINES,
    });
  }
});

test("APP-9 API-7: the approver accepts the selected requests in one call and sees each one's outcome", async ({
  page,
}) => {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/export-requests\//.test(r.url()))
      calls.push(new URL(r.url()).pathname);
  });
  await signInAs(page, 'demo-approver');
  for (const name of NAMES) {
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByRole('checkbox', { name: `Select ${name}` }).press('Space');
  }
  await expect(page.getByText('3 selected')).toBeVisible();
  // meanwhile another approver rejects the third one: the bulk accept refuses it and accepts the others
  const waiting = await api<{ items: { id: string; item: { number?: string } }[] }>(
    'approver',
    'GET',
    '/export-requests?state=ready_to_export&type=commitment&limit=500',
  );
  const third = waiting.items.find((r) => r.item.number === 'SC-903');
  if (!third) throw new Error('SC-903 is not waiting');
  await api('approver', 'POST', `/export-requests/${third.id}/reject`, { reason: 'Sent twice' });

  await page.getByRole('button', { name: 'Accept selected' }).press('Enter');
  const outcome = page.getByRole('status').filter({ hasText: '2 accepted, 1 not accepted' });
  await expect(outcome).toBeVisible();
  await expect(
    outcome.getByRole('listitem').filter({ hasText: 'SC-903 Bulk three was refused' }),
  ).toContainText(/only a request that is waiting/);
  // one call for all three
  expect(calls).toEqual(['/api/v1/export-requests/accept']);
  await expectAccessible(page);
  for (const name of NAMES.slice(0, 2)) {
    const r = await api<{ items: { state: string; item: { number?: string; title?: string } }[] }>(
      'approver',
      'GET',
      '/export-requests?type=commitment&limit=500',
    );
    const mine = r.items.filter((x) => `${x.item.number} ${x.item.title}` === name);
    expect(mine.map((x) => x.state).some((s) => s === 'exporting' || s === 'synced')).toBe(true);
  }
});

test('APP-9 API-7: the approver rejects the selected requests in one call with one reason', async ({
  page,
}) => {
  await sentCommitment('24-101', 'BAYPLB', { number: 'SC-904', title: 'Bulk four', lines: LINES });
  await sentCommitment('24-101', 'BAYPLB', { number: 'SC-905', title: 'Bulk five', lines: LINES });
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/export-requests\//.test(r.url()))
      calls.push(new URL(r.url()).pathname);
  });
  await signInAs(page, 'demo-approver');
  for (const name of ['SC-904 Bulk four', 'SC-905 Bulk five'])
    await page
      .getByRole('row')
      .filter({ hasText: name })
      .getByRole('checkbox', { name: `Select ${name}` })
      .press('Space');
  await page.getByRole('button', { name: 'Reject selected' }).press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Reject 2 requests' })).toBeVisible();
  await dialog.getByLabel('Reason').fill('Wrong vendor on both');
  await dialog.getByRole('button', { name: 'Reject' }).press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '2 rejected.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'SC-904 Bulk four' })).toHaveCount(0);
  expect(calls).toEqual(['/api/v1/export-requests/reject']);
});
