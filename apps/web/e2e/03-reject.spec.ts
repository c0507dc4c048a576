import { expect, test } from '@playwright/test';
import { api, expectAccessible, sentCommitment, signInAs } from './support';

let commitmentId: string;

test.beforeAll(async () => {
  commitmentId = await sentCommitment('24-101', 'BAYPLB', {
    number: 'SC-302',
    title: 'Fixtures',
    lines: [{ costCode: '010000', costType: 'S', description: 'Fixtures', amountCents: 500_000 }],
  });
});

test('WEB-7 COM-3: the approver rejects with a reason; the PM sees it and can change and send the commitment again', async ({
  page,
}) => {
  await signInAs(page, 'demo-approver');
  const row = page.getByRole('row').filter({ hasText: 'SC-302 Fixtures' });
  await row.getByRole('button', { name: 'Reject SC-302 Fixtures' }).press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Reject SC-302 Fixtures' })).toBeVisible();
  // a reason is required
  await expect(dialog.getByRole('button', { name: 'Reject' })).toBeDisabled();
  await dialog.getByLabel('Reason').fill('The amount does not match the signed contract');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Reject' }).press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'SC-302 Fixtures' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).press('Enter');

  await signInAs(page, 'demo-pm');
  const mine = page.getByRole('row').filter({ hasText: 'SC-302 Fixtures' });
  await expect(mine.getByText('Rejected', { exact: true })).toBeVisible();
  await expect(mine).toContainText('The amount does not match the signed contract');
  await mine.getByRole('link', { name: 'SC-302 Fixtures' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Commitment SC-302' })).toBeVisible();
  // the editor shows the stored lines before they are changed
  await expect(page.getByLabel('Line 1 amount')).toHaveValue('5000.00');
  await page.getByLabel('Line 1 amount').fill('5200.00');
  await page.getByRole('button', { name: 'Save changes' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send to ERP' })).toBeEnabled();
  await expectAccessible(page);
  const c = await api<{ lines: { amountCents: number }[] }>('pm', 'GET', `/commitments/${commitmentId}`);
  expect(c.lines[0]?.amountCents).toBe(520_000);
});
