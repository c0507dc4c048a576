import { expect, test } from '@playwright/test';
import { ensureConnectedAndSynced, expectAccessible, signInAs, sim } from './support';

test.beforeAll(async () => {
  await ensureConnectedAndSynced();
});

test('PROD-11 PROD-16: the admin runs the connection doctor with the keyboard and sees each check, and the remedy of a failed one', async ({
  page,
}) => {
  await signInAs(page, 'demo-admin');
  await page.getByRole('link', { name: 'Doctor' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Connection doctor' })).toBeVisible();
  await expectAccessible(page);

  // Spectrum refuses the Info-Link reads of the next run (the simulator's fault injection)
  await sim('POST', '/faults', { service: 'infolink', kind: 'auth-failure' });
  try {
    await page.getByRole('button', { name: 'Run the connection doctor' }).press('Enter');
    await expect(page.getByRole('status').filter({ hasText: /checks? failed/ })).toBeVisible();
  } finally {
    await sim('DELETE', '/faults');
  }
  const list = page.getByRole('list').filter({ hasText: 'Spectrum server' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Spectrum server' })).toContainText('(passed)');
  const table = list.getByRole('listitem').filter({ hasText: 'Info-Link VN_SUBCONTRACT_MC' });
  await expect(table).toContainText('(failed)');
  await expect(table).toContainText('What to do: allow Info-Link reads for the Authorization ID');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Run the connection doctor' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Every check passed/ })).toBeVisible();
  await expect(page.getByText('What to do:')).toHaveCount(0);
});

test('PROD-8 PROD-9: the Connection page offers the CA bundle and the Info-Link login; its password is write-only', async ({
  page,
}) => {
  await signInAs(page, 'demo-admin');
  await page.getByRole('link', { name: 'Connection' }).press('Enter');
  await expect(page.getByLabel('Trusted certificates (CA bundle, PEM)')).toBeVisible();
  await expect(page.getByLabel('SQL Server host')).toHaveCount(0);
  await page.getByLabel('Read Info-Link tables').selectOption('sql');
  await expect(page.getByLabel('SQL Server host')).toBeVisible();
  await expect(page.getByLabel('Info-Link password')).toHaveAttribute('type', 'password');
  await expect(page.getByText('Not set.', { exact: false })).toBeVisible();
  await expectAccessible(page);
  // nothing saved: the stack keeps reading Info-Link over HTTP
  await page.getByLabel('Read Info-Link tables').selectOption('http');
  await expect(page.getByLabel('SQL Server host')).toHaveCount(0);
});
