import { expect, test } from '@playwright/test';
import { expectAccessible, rowsOf, sentCommitment, signInAs, sim } from './support';

test.beforeAll(async () => {
  await sentCommitment('24-101', 'EAGLEST', {
    number: 'SC-303',
    title: 'Steel',
    lines: [
      { costCode: '010000', costType: 'S', description: 'Mobilization', amountCents: 100_000 },
      { costCode: '013100', costType: 'S', description: 'Supervision', amountCents: 200_000 },
    ],
  });
});

test.afterAll(async () => {
  await sim('DELETE', '/faults');
});

test('WEB-8 APP-4: a Spectrum fault fails the export with a readable reason; after it clears, Retry syncs it with no duplicate lines', async ({
  page,
}) => {
  // this Spectrum server refuses the subcontract lines service
  await sim('POST', '/faults', { service: 'UpdateSubcontractPhases', kind: 'client-fault' });
  await signInAs(page, 'demo-approver');
  const row = page.getByRole('row').filter({ hasText: 'SC-303 Steel' });
  await row.getByRole('button', { name: 'Accept SC-303 Steel' }).press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Spectrum ID')).toHaveValue('SC-303');
  await dialog.getByRole('button', { name: 'Accept and export' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Commitment SC-303 Steel' })).toBeVisible();
  const facts = page.getByRole('definition');
  await expect(facts.getByText('Failed', { exact: true })).toBeVisible();
  // Spectrum's reason, in the words the request records
  await expect(facts.filter({ hasText: /UpdateSubcontractPhases/ })).toBeVisible();
  await expectAccessible(page);

  await sim('DELETE', '/faults');
  await page.getByRole('button', { name: 'Retry' }).press('Enter');
  await expect(facts.getByText('Synced', { exact: true })).toBeVisible();
  const lines = rowsOf<Record<string, unknown>>(
    await sim('GET', '/state/subcontract-lines?Vendor_Code=EAGLEST&Subcontract_Number=SC-303&limit=10'),
  );
  expect(lines).toHaveLength(2);
  const subs = rowsOf(
    await sim('GET', '/state/subcontracts?Vendor_Code=EAGLEST&Subcontract_Number=SC-303&limit=10'),
  );
  expect(subs).toHaveLength(1);
});
