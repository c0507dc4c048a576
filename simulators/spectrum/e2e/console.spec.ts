import { expect, test } from '@playwright/test';
import { control, expectAccessible, getJob, infolink, openConsole, snap, soap } from './support';

const LINE = 'ACMEEL · 24101-01 · 013100 · S';

test('SIM-5: a subcontract line amount edited in the console is what Info-Link then serves', async ({
  page,
}) => {
  await openConsole(page, '?tab=tables');
  await page.getByRole('combobox', { name: 'Table' }).selectOption('subcontract-lines');
  await expect(page.getByRole('table', { name: /Subcontract lines: 2 rows/ })).toBeVisible();
  await page.getByRole('button', { name: LINE }).click();
  const record = page.getByRole('region', { name: /Subcontract line ACMEEL/ });
  await expect(record.getByRole('heading', { name: 'Change through UpdateSubcontractPhases' })).toBeVisible();
  const amount = record.getByRole('textbox', { name: 'Original Contract Amount' });
  await expect(amount).toHaveValue('65000.00');

  // what Spectrum's Put service refuses, the console refuses, next to the field, and nothing changes
  await amount.fill('65,000');
  await record.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    record.getByText('Original_Contract_Amount is not a valid number (format -9.2)').first(),
  ).toBeVisible();
  expect(
    (await infolink('VN_SUBCONTRACT_PHASE_MC', 'Vendor_Code=ACMEEL&Phase_Code=013100'))[0],
  ).toMatchObject({
    Original_Contract_Amount: '65000.00',
  });

  await amount.fill('71234.56');
  await record.getByRole('button', { name: 'Save changes' }).click();
  await expect(record.getByRole('status')).toHaveText('Saved: Original_Contract_Amount.');
  await snap(page, 'console-record');
  const lines = await infolink('VN_SUBCONTRACT_PHASE_MC', 'Vendor_Code=ACMEEL&Subcontract_Number=24101-01');
  expect(lines.map((l) => [l.Phase_Code, l.Original_Contract_Amount])).toEqual([
    ['010000', '120000.00'],
    ['013100', '71234.56'],
  ]);
  // UpdateSubcontractPhases keeps the subcontract's amount equal to its lines, whoever calls it
  expect((await infolink('VN_SUBCONTRACT_MC', 'Vendor_Code=ACMEEL'))[0]?.Original_Amount).toBe('191234.56');
  // and the log shows the console's change was no Spectrum call (only the reads above are)
  const log = await control<{ service: string }[]>('GET', '/requests');
  expect(log.map((e) => e.service)).toEqual(['infolink', 'infolink', 'infolink']);
});

test('SIM-4: a job opens with its phases, subcontracts and change requests, one click from each', async ({
  page,
}) => {
  await openConsole(page, '?tab=tables&table=jobs');
  await page.getByRole('searchbox', { name: 'Search jobs' }).fill('Riverside');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('table', { name: /Jobs containing “Riverside”: 1 row/ })).toBeVisible();
  await page.getByRole('button', { name: '24-101' }).click();
  const record = page.getByRole('region', { name: /Job 24-101/ });
  await expect(record.getByRole('table', { name: /^Phases with estimates: \d+/ })).toBeVisible();
  await expect(record.getByRole('table', { name: /^Change requests: 1/ })).toBeVisible();
  await record.getByRole('button', { name: 'Open subcontract ACMEEL · 24101-01' }).click();
  const sub = page.getByRole('region', { name: /Subcontract ACMEEL · 24101-01/ });
  await expect(sub.getByRole('table', { name: /^Subcontract lines: 2/ })).toBeVisible();
  await expect(page).toHaveURL(/table=subcontracts/);
});

test('SIM-8: a fault added in the console fails the next client call, and the log shows it', async ({
  page,
}) => {
  await openConsole(page, '?tab=faults');
  await page.getByLabel('Service').selectOption('GetJob');
  await page.getByLabel('Kind').selectOption('server-fault');
  await page.getByRole('textbox', { name: 'Times' }).fill('1');
  await page.getByRole('button', { name: 'Add fault' }).click();
  await expect(page.getByRole('status')).toHaveText(/Armed fault \d+\./);
  const armed = page.getByRole('table', { name: 'Armed faults' });
  await expect(armed.getByRole('row', { name: /GetJob server-fault 1 time 0/ })).toBeVisible();
  await snap(page, 'console-faults');

  const failed = await getJob();
  expect(failed.status).toBe(500);
  expect(failed.body).toContain('<faultstring>Error executing Web Service</faultstring>');
  expect((await getJob()).status).toBe(200);

  await page.getByRole('tab', { name: 'Request log' }).click();
  const log = page.getByRole('table', { name: 'Requests' });
  const faultRow = log.getByRole('row', { name: /GetJob POST auth ID BR…MO 500 fault \(server-fault\)/ });
  await expect(faultRow).toBeVisible();
  await expect(log.getByRole('row', { name: /GetJob POST auth ID BR…MO 200 ok/ })).toBeVisible();
  await page.getByLabel('Outcome').selectOption('fault');
  await expect(log.getByRole('row')).toHaveCount(2);
  await faultRow.getByRole('button', { name: /Bodies of request/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: /POST GetJob, 500/ })).toBeVisible();
  await expect(dialog.getByLabel('Request body')).toContainText('<Authorization_ID>BR…MO</Authorization_ID>');
  await expect(dialog.getByLabel('Response body')).toContainText('Error executing Web Service');
  await expect(dialog).not.toContainText('BRIDGEDEMO');
  await snap(page, 'console-log-bodies');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // one click: Spectrum down
  await page.getByRole('tab', { name: 'Faults' }).click();
  await page.getByRole('button', { name: 'Spectrum down' }).click();
  await expect(page.getByRole('status')).toHaveText('Armed: Spectrum down.');
  expect((await getJob()).status).toBe(503);
  await page.getByRole('button', { name: 'Clear all faults' }).click();
  await expect(page.getByText('No fault is armed')).toBeVisible();
  expect((await getJob()).status).toBe(200);
});

test('SIM-14: reset puts back the scenario after edits, faults and calls', async ({ page }) => {
  await openConsole(page, '?tab=scenario');
  await control('PATCH', '/records/vendors', {
    key: { Company_Code: 'ABC', Vendor_Code: 'ACMEEL' },
    values: { Hold_Flag: 'Y' },
  });
  await control('POST', '/fault-presets/slow-spectrum');
  await soap('GetCustomers', { pCompany_Code: 'ABC', pStatus: '' });
  expect((await infolink('VN_VENDOR_MASTER_MC', 'Vendor_Code=ACMEEL'))[0]?.Hold_Flag).toBe('Y');
  await snap(page, 'console-scenario');
  await page.getByRole('button', { name: 'Reset the scenario' }).click();
  await expect(page.getByRole('status')).toHaveText('Reset: scenario demo loaded.');
  expect((await infolink('VN_VENDOR_MASTER_MC', 'Vendor_Code=ACMEEL'))[0]?.Hold_Flag).toBe('N');
  expect(await control('GET', '/faults')).toEqual([]);
  expect((await control<unknown[]>('GET', '/requests')).length).toBe(1); // the Info-Link read just above
});

test('SIM-15: every section works from the keyboard, has no axe violation and follows the dark setting', async ({
  page,
}) => {
  await openConsole(page, '?tab=tables&table=vendors');
  await expect(page.getByRole('table', { name: /Vendors: 30 rows/ })).toBeVisible();
  await snap(page, 'console-tables');
  await expectAccessible(page);
  // keyboard: the tab list moves with the arrow keys, a record opens with Enter
  await page.getByRole('tab', { name: 'Tables' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Faults' })).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Request log' })).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page);
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'Scenario' })).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page);
  await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: 'ACMEEL' }).focus();
  await page.keyboard.press('Enter');
  const record = page.getByRole('region', { name: 'Vendor ACMEEL' });
  await expect(record.getByRole('heading', { name: 'Vendor ACMEEL' })).toBeFocused();
  await expect(record.getByRole('textbox', { name: 'Hold Flag' })).toBeVisible();
  // put the vendor on hold with the keyboard alone
  await record.getByRole('textbox', { name: 'Hold Flag' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Y');
  await page.keyboard.press('Enter');
  await expect(record.getByRole('status')).toHaveText('Saved: Hold_Flag.');
  expect((await infolink('VN_VENDOR_MASTER_MC', 'Vendor_Code=ACMEEL'))[0]?.Hold_Flag).toBe('Y');
  await expectAccessible(page);
  // the add dialog: focus moves in, Escape closes it
  await page.getByRole('button', { name: 'Add vendor' }).press('Enter');
  await expect(page.getByRole('dialog', { name: 'Add vendor through AddVendor' })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe('rgb(18, 18, 18)');
  await snap(page, 'console-dark');
  await expectAccessible(page);
});
