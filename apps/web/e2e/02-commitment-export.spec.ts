import { expect, test } from '@playwright/test';
import {
  api,
  ensureConnectedAndSynced,
  expectAccessible,
  imported,
  rowsOf,
  signInAs,
  sim,
  snap,
} from './support';

test.beforeAll(async () => {
  await ensureConnectedAndSynced();
  await imported('job', '24-101');
  await imported('vendor', 'BAYPLB');
});

test('WEB-6 APP-2 VER-1 VER-4: a PM creates a 3-line commitment and sends it; the approver sees the exact Spectrum writes, accepts and watches it reach Synced, read back from Spectrum', async ({
  page,
}) => {
  await signInAs(page, 'demo-pm');
  await page.getByRole('link', { name: 'New commitment' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'New commitment' })).toBeVisible();
  await page.getByLabel('Project').selectOption({ label: '24-101 Riverside Medical Office' });
  await page.getByLabel('Contract company').selectOption({ label: 'Bay Plumbing Co (BAYPLB)' });
  await page.getByLabel('Number').fill('SC-301');
  await page.getByLabel('Title').fill('Plumbing rough-in');
  const lines = [
    ['010000', 'S', 'General conditions', '1,250.00'],
    ['013100', 'S', 'Project management', '48000.50'],
    ['015000', 'S', 'Temporary facilities', '975.25'],
  ];
  for (const [i, [code, type, description, amount]] of lines.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add line' }).press('Enter');
    await page.getByLabel(`Line ${i + 1} cost code`).fill(code as string);
    await page.getByLabel(`Line ${i + 1} cost type`).fill(type as string);
    await page.getByLabel(`Line ${i + 1} description`).fill(description as string);
    await page.getByLabel(`Line ${i + 1} amount`).fill(amount as string);
  }
  await expect(page.getByRole('row', { name: /Total/ })).toContainText('$50,225.75');
  await expectAccessible(page);
  await snap(page, 'commitment-editor');
  await page.getByRole('button', { name: 'Create commitment' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Commitment SC-301' })).toBeVisible();
  await page.getByRole('button', { name: 'Send to ERP' }).press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Sent: it waits for an accounting approver' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).press('Enter');

  await signInAs(page, 'demo-approver');
  await expect(page.getByRole('heading', { name: 'Approval queue' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'SC-301 Plumbing rough-in' });
  await expect(row.getByText('Ready to Export')).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'queue');
  await row.getByRole('button', { name: 'Accept SC-301 Plumbing rough-in' }).press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: /Accept Commitment SC-301/ })).toBeVisible();
  await expect(dialog.getByLabel('Spectrum ID')).toHaveValue('SC-301');
  const itemLines = dialog.getByRole('table', { name: "The item's lines" });
  await expect(itemLines.getByRole('row')).toHaveCount(5); // header, three lines, total
  await expect(itemLines.getByRole('row', { name: /Total/ })).toContainText('$50,225.75');
  // VER-1: the exact Spectrum writes, each against what Spectrum holds now, opened with the keyboard
  const writes = dialog.getByRole('region', { name: 'Spectrum writes' });
  await expect(writes).toContainText('4 writes to Spectrum: 4 new, 0 changed, 0 already there.');
  const header = writes.locator('summary').first();
  await expect(header).toContainText('UpdateSubcontract');
  await header.focus();
  await page.keyboard.press('Enter');
  await expect(writes.getByRole('row', { name: /^Job_Number/ })).toContainText('24-101');
  await expect(writes.getByRole('row', { name: /^Subcontract_Number/ })).toContainText('SC-301');
  const lineWrites = writes.locator('summary', { hasText: 'UpdateSubcontractPhases' });
  await expect(lineWrites).toHaveCount(3);
  await expectAccessible(page);
  await snap(page, 'accept-dialog');
  await dialog.getByLabel('Note (optional)').fill('OK for March');
  await dialog.getByRole('button', { name: 'Accept and export' }).press('Enter');

  // the request page follows the export live and ends Synced
  await expect(page.getByRole('heading', { name: 'Commitment SC-301 Plumbing rough-in' })).toBeVisible();
  await expect(page.getByRole('definition').getByText('Synced', { exact: true })).toBeVisible();
  await expect(page.getByText('BAYPLB/SC-301')).toBeVisible();
  await expect(page.locator('.steps li[data-status="done"]')).toHaveCount(4);
  // VER-4: read back once synced
  const checked = page.getByRole('region', { name: 'Checked against Spectrum' });
  await expect(checked).toContainText('Spectrum holds every value that was written.');
  await expectAccessible(page);
  await snap(page, 'export-synced');

  // Spectrum holds exactly that subcontract with its three lines
  const subs = rowsOf<Record<string, unknown>>(
    await sim('GET', '/state/subcontracts?Vendor_Code=BAYPLB&Subcontract_Number=SC-301&limit=10'),
  );
  expect(subs).toHaveLength(1);
  expect(subs[0]).toMatchObject({ Job_Number: '24-101', Original_Amount: '50225.75' });
  const subLines = rowsOf<Record<string, unknown>>(
    await sim('GET', '/state/subcontract-lines?Vendor_Code=BAYPLB&Subcontract_Number=SC-301&limit=10'),
  );
  expect(subLines.map((l) => [l.Phase_Code, l.Cost_Type]).sort()).toEqual([
    ['010000', 'S'],
    ['013100', 'S'],
    ['015000', 'S'],
  ]);
  const list = await api<{ items: { number: string; state: string }[] }>(
    'pm',
    'GET',
    '/commitments?limit=100',
  );
  expect(list.items.find((c) => c.number === 'SC-301')?.state).toBe('synced');
});
