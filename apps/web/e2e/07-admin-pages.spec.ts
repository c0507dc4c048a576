import { expect, test } from '@playwright/test';
import { api, baseUrl, ensureConnectedAndSynced, expectAccessible, signInAs, snap } from './support';

test.beforeAll(async () => {
  await ensureConnectedAndSynced();
});

test('WEB-11 GEN-2 SCH-1: the admin changes the general settings and a sync schedule', async ({ page }) => {
  await signInAs(page, 'demo-admin');
  await page.getByRole('link', { name: 'Settings' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'General settings' })).toBeVisible();
  const add = page.getByRole('checkbox', { name: /Add new cost code and cost type combinations/ });
  const before = await add.isChecked();
  await add.press('Space');
  await page.getByRole('button', { name: 'Save settings' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  const stored = await api<{ autoAddCostCodesToBudgets: boolean }>('admin', 'GET', '/settings/general');
  expect(stored.autoAddCostCodesToBudgets).toBe(!before);
  await expect(page.getByRole('heading', { name: 'Vendor types to import' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Sync' }).press('Enter');
  await page.getByLabel('Schedule of Spectrum job list').selectOption('hourly');
  await page.getByRole('button', { name: 'Save schedule' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Schedule saved.' })).toBeVisible();
  const schedule = await api<{ groups: { group: string; frequency: string }[] }>(
    'admin',
    'GET',
    '/sync/schedule',
  );
  expect(schedule.groups.find((g) => g.group === 'jobs')?.frequency).toBe('hourly');
  await expectAccessible(page);
});

test('WEB-12 PERM-1 PERM-2: the admin adds a user, sees the token once, and changes the level and approver privilege', async ({
  page,
}) => {
  await signInAs(page, 'demo-admin');
  await page.getByRole('link', { name: 'Users' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Users and permissions' })).toBeVisible();
  await page.getByLabel('Name').fill('Grace Approver');
  await page.getByLabel('E-mail').fill('grace@example.com');
  await page.getByRole('button', { name: 'Add user' }).press('Enter');
  const status = page.getByRole('status').filter({ hasText: 'Grace Approver was added' });
  await expect(status).toContainText(/brg_[A-Za-z0-9_-]{43}/);
  await page.getByLabel('Level of Grace Approver').selectOption('read_only');
  await expect(page.getByLabel('Level of Grace Approver')).toHaveValue('read_only');
  await page.getByRole('checkbox', { name: /Can push to accounting \(Grace Approver\)/ }).press('Space');
  await expect(
    page.getByRole('checkbox', { name: /Can push to accounting \(Grace Approver\)/ }),
  ).toBeChecked();
  const users = await api<{ rows: { name: string; level: string; canPushToAccounting: boolean }[] }>(
    'admin',
    'GET',
    '/permissions',
  );
  expect(users.rows.find((u) => u.name === 'Grace Approver')).toMatchObject({
    level: 'read_only',
    canPushToAccounting: true,
  });
  await expectAccessible(page);
  await snap(page, 'users');

  await page.getByRole('link', { name: 'Audit log' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByText('Show the change').first().press('Enter');
  await expect(page.getByText('Before', { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
});

test('WEB-13 REP-1: the accountant report shows every item type and downloads as CSV', async ({ page }) => {
  await signInAs(page, 'demo-approver');
  await page.getByRole('link', { name: 'Report' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Accountant report' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Commitment', exact: true })).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get(`${baseUrl()}/api/v1/reports/accountant?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toMatch(/commitment/);
});
