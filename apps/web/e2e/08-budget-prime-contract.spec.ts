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
  syncGroup,
} from './support';

test.beforeAll(async () => {
  await ensureConnectedAndSynced();
  await imported('job', '24-101');
  // the project's budget and prime contract are staged by the next cost code sync
  await syncGroup('cost_codes');
});

test('WEB-14 PC-1 BUD-2 BUD-3: import a prime contract and a budget; a re-import shows the totals before and after and needs confirming', async ({
  page,
}) => {
  await signInAs(page, 'demo-pm');
  await page.getByRole('link', { name: 'ERP Integrations' }).press('Enter');
  await page.getByRole('link', { name: 'Prime contracts' }).press('Enter');
  const contract = page.getByRole('row').filter({ hasText: 'PC-24-101' });
  await expect(contract).toContainText('$4,850,000.00');
  // the contract goes into the project made from its job, chosen once the projects are loaded
  await expect(contract.getByLabel('Into project')).toHaveValue(/.+/);
  const importContract = contract.getByRole('button', { name: /^Import prime contract/ });
  await expect(importContract).toBeEnabled();
  await importContract.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Done: .* is synced\./ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Budgets' }).press('Enter');
  const budget = page.getByRole('row').filter({ hasText: '24-101' });
  await budget.getByRole('button', { name: /^Import budget/ }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Done: 24-101 is synced.' })).toBeVisible();

  // Spectrum's estimate changes: the re-import shows what it will do before it overwrites anything
  const phases = rowsOf<Record<string, string>>(
    await sim('GET', '/state/phases?Job_Number=24-101&limit=500'),
  );
  const target = phases.find((r) => Number(r.Current_Est_Cost) > 0) as Record<string, string>;
  await sim('PATCH', '/state/phases', {
    key: {
      Company_Code: 'ABC',
      Job_Number: '24-101',
      Phase_Code: target.Phase_Code,
      Cost_Type: target.Cost_Type,
    },
    set: { Current_Est_Cost: (Number(target.Current_Est_Cost) + 1000).toFixed(2) },
  });
  await syncGroup('cost_codes');
  await page.reload();
  await budget.getByRole('button', { name: /^Re-import budget/ }).press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Re-import the budget of 24-101' })).toBeVisible();
  const before = await api<{
    items: { spectrumKey: string; totals: { pmTotalCents: number; newPmTotalCents: number } }[];
  }>('pm', 'GET', '/importables?type=budget&limit=200');
  const totals = before.items.find((i) => i.spectrumKey === '24-101')?.totals;
  expect((totals?.newPmTotalCents ?? 0) - (totals?.pmTotalCents ?? 0)).toBe(100_000);
  await expectAccessible(page);
  await snap(page, 'budget-reimport');
  await dialog.getByRole('button', { name: 'Re-import and overwrite' }).press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Done: the budget of 24-101 was re-imported.' }),
  ).toBeVisible();
  const after = await api<{ items: { spectrumKey: string; totals: { pmTotalCents: number } }[] }>(
    'pm',
    'GET',
    '/importables?type=budget&limit=200',
  );
  expect(after.items.find((i) => i.spectrumKey === '24-101')?.totals.pmTotalCents).toBe(
    totals?.newPmTotalCents,
  );
});
