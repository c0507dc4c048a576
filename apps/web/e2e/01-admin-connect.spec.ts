import { expect, test } from '@playwright/test';
import { baseUrl, expectAccessible, signInAs, simUrl, snap } from './support';

test('WEB-5: the admin connects to Spectrum, sees a failed test with its reason, fixes it, runs a sync and sees its counts', async ({
  page,
}) => {
  await page.goto(`${baseUrl()}/sign-in`);
  await expect(page.getByRole('heading', { name: 'Sign in to Spectrum Bridge' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'sign-in');
  await signInAs(page, 'demo-admin');
  await page.getByRole('link', { name: 'Connection' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Spectrum connection' })).toBeVisible();
  await expect(page.getByText('Not connected', { exact: true })).toBeVisible();

  await page.getByLabel('Spectrum server URL').fill(simUrl());
  await page.getByLabel('Spectrum company code').fill('ABC');
  await page.getByRole('button', { name: 'Edit credentials' }).press('Enter');
  await page.getByLabel('New Authorization ID / password').fill('WRONG-ID');
  await page.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  // the secret is write-only: the page says one is stored, never what it is
  await expect(page.getByText('Authorization ID / password: stored (hidden)')).toBeVisible();
  await expect(page.getByText('WRONG-ID')).toHaveCount(0);

  await page.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'The connection does not work:' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Edit credentials' }).press('Enter');
  await page.getByLabel('New Authorization ID / password').fill('BRIDGEDEMO');
  await page.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(page.getByText('Authorization ID / password: stored (hidden)')).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Spectrum answered: the connection works.' }),
  ).toBeVisible();
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await snap(page, 'connection');

  await page.getByRole('link', { name: 'Sync' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Sync', exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Run now: Spectrum job list' }).press('Enter');
  const run = page
    .getByRole('row')
    .filter({ hasText: 'Spectrum job list' })
    .filter({ hasText: 'succeeded' })
    .first();
  await expect(run).toBeVisible();
  // read: the demo company's 25 jobs
  await expect(run.getByRole('cell').nth(3)).toHaveText('25');
  await snap(page, 'sync');
});
