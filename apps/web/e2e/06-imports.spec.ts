import { expect, test } from '@playwright/test';
import { api, ensureConnectedAndSynced, expectAccessible, signInAs, snap } from './support';

let companyId: string;

test.beforeAll(async () => {
  await ensureConnectedAndSynced();
  // a company the PM side already has, named a little differently from the Spectrum vendor
  const c = await api<{ id: string }>('pm', 'POST', '/companies', {
    name: 'Acme Electric',
    city: 'Springfield',
    phone: '2175551000',
  });
  companyId = c.id;
});

test('WEB-10 JOB-1 VEN-3: import a Spectrum job as a project, and link a vendor to an existing company through a suggestion', async ({
  page,
}) => {
  await signInAs(page, 'demo-pm');
  await page.getByRole('link', { name: 'ERP Integrations' }).press('Enter');
  await page.getByRole('link', { name: 'Spectrum jobs' }).press('Enter');
  await page.getByRole('button', { name: 'Ready to Import' }).press('Enter');
  await expectAccessible(page);
  await snap(page, 'spectrum-jobs');
  await page.getByRole('button', { name: 'Import as project 24-103', exact: true }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Done: 24-103 is synced.' })).toBeVisible();
  const projects = await api<{ items: { number: string; state: string }[] }>(
    'pm',
    'GET',
    '/projects?q=Harbor',
  );
  expect(projects.items.map((p) => [p.number, p.state])).toEqual([['24-103', 'synced']]);

  await page.getByRole('link', { name: 'Spectrum vendors' }).press('Enter');
  await page.getByRole('button', { name: 'Ready to Import' }).press('Enter');
  const vendor = page.getByRole('row').filter({ hasText: 'Acme Electric Inc' });
  const choice = vendor.getByLabel('Link to existing company');
  await expect(choice).toContainText('Acme Electric');
  await choice.selectOption({ value: companyId });
  await expectAccessible(page);
  await snap(page, 'spectrum-vendors');
  await vendor.getByRole('button', { name: 'Link ACMEEL to the chosen company' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Linked: vendor ACMEEL' })).toBeVisible();
  const company = await api<{ state: string; spectrumKey: string }>('pm', 'GET', `/companies/${companyId}`);
  expect(company).toMatchObject({ state: 'synced', spectrumKey: 'ACMEEL' });
});
