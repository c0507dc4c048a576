import { expect, test } from '@playwright/test';
import { api, baseUrl, expectAccessible, signInAs, simUrl, snap } from './support';

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

  // OPS-11: the load on the Spectrum server; a value out of range is refused with the rule, and nothing changes
  await expect(page.getByLabel('Calls at once')).toHaveValue('4');
  await page.getByLabel('Calls at once').fill('0');
  await page.getByLabel('Calls per second').fill('25');
  await page.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(page.getByText('must be a whole number from 1 to 32', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Calls at once')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  expect(
    await api<{ maxConcurrentCalls: number; callsPerSecond: number }>('admin', 'GET', '/settings/connection'),
  ).toMatchObject({ maxConcurrentCalls: 4, callsPerSecond: 10 });
  await page.getByLabel('Calls at once').fill('6');
  await page.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(
    await api<{ maxConcurrentCalls: number; callsPerSecond: number }>('admin', 'GET', '/settings/connection'),
  ).toMatchObject({ maxConcurrentCalls: 6, callsPerSecond: 25 });
  await page.reload();
  await expect(page.getByLabel('Calls at once')).toHaveValue('6');
  await expect(page.getByLabel('Calls per second')).toHaveValue('25');
  // saving the limits leaves the connection as it was (OPS-11)
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  await page.getByRole('group', { name: 'Load on the Spectrum server' }).scrollIntoViewIfNeeded();
  await snap(page, 'connection-limits');

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
