import { expect, test } from '@playwright/test';
import { api, expectAccessible, sentCommitment, signInAs } from './support';

test.beforeAll(async () => {
  // a commitment the approver rejects: its sender is mailed the reason (COM-3)
  const commitmentId = await sentCommitment('24-102', 'JETDEMO', {
    number: 'SC-320',
    title: 'Site clearing',
    lines: [{ costCode: '010000', costType: 'L', description: 'Clearing', amountCents: 250_000 }],
  });
  const waiting = await api<{ items: { id: string; itemId: string }[] }>(
    'approver',
    'GET',
    '/export-requests?state=ready_to_export&type=commitment&limit=100',
  );
  const request = waiting.items.find((r) => r.itemId === commitmentId);
  if (!request) throw new Error('SC-320 is not waiting');
  await api('approver', 'POST', `/export-requests/${request.id}/reject`, {
    reason: 'Clearing belongs to the earthwork subcontract',
  });
});

test('GEN-7 COM-3: the admin reads the rejection mail the demo mail catcher received, with the keyboard', async ({
  page,
}) => {
  await signInAs(page, 'demo-admin');
  await page.getByRole('link', { name: 'Mail', exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Mail', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Demo mode: the service sends its mail over SMTP/)).toBeVisible();
  const row = page
    .getByRole('row')
    .filter({ hasText: 'Rejected for Spectrum: Commitment SC-320 Site clearing' });
  await expect(row).toContainText('demo-pm@example.com');
  await expectAccessible(page);

  await row
    .getByRole('link', { name: 'Rejected for Spectrum: Commitment SC-320 Site clearing' })
    .press('Enter');
  const subject = page.getByRole('heading', {
    name: 'Rejected for Spectrum: Commitment SC-320 Site clearing',
    level: 2,
  });
  await expect(subject).toBeFocused();
  const message = page.getByRole('region', {
    name: 'Rejected for Spectrum: Commitment SC-320 Site clearing',
  });
  await expect(message).toContainText('Reason: Clearing belongs to the earthwork subcontract');
  await expect(message).toContainText('demo-pm@example.com');
  await expectAccessible(page);
  await message.getByRole('link', { name: 'Close the message' }).press('Enter');
  await expect(message).toHaveCount(0);
});
