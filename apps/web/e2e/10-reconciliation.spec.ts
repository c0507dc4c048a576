import { expect, test } from '@playwright/test';
import {
  acceptedAndSynced,
  api,
  expectAccessible,
  rowsOf,
  sentCommitment,
  signInAs,
  sim,
  snap,
} from './support';

test('WEB-18 REC-1 REC-2: the accountant reconciles a job with Spectrum and sees the line changed in Spectrum, with both amounts and the totals', async ({
  page,
}) => {
  const phases = rowsOf<Record<string, string>>(
    await sim('GET', '/state/phases?Job_Number=24-103&limit=500'),
  );
  // two phases of one cost type (a subcontract's lines share one cost type, COM-1)
  const a = phases.find((p) =>
    phases.some((q) => q.Cost_Type === p.Cost_Type && q.Phase_Code !== p.Phase_Code),
  );
  const b = phases.find((q) => q.Cost_Type === a?.Cost_Type && q.Phase_Code !== a?.Phase_Code);
  if (!a || !b) throw new Error('job 24-103 has no two phases of one cost type');
  const commitmentId = await sentCommitment('24-103', 'ACMEEL', {
    number: 'SC-501',
    title: 'Electrical',
    lines: [
      { costCode: a.Phase_Code as string, costType: a.Cost_Type as string, amountCents: 300_000 },
      { costCode: b.Phase_Code as string, costType: b.Cost_Type as string, amountCents: 200_000 },
    ],
  });
  await acceptedAndSynced('commitment', commitmentId);
  // someone changes the first line directly in Spectrum
  const [line] = rowsOf<Record<string, string>>(
    await sim(
      'GET',
      `/state/subcontract-lines?Vendor_Code=ACMEEL&Subcontract_Number=SC-501&Phase_Code=${a.Phase_Code}&limit=10`,
    ),
  );
  if (!line) throw new Error('the subcontract line was not written');
  const { Company_Code, Vendor_Code, Subcontract_Number, Phase_Code, Cost_Type, Bid_Item_Number } = line;
  await sim('PATCH', '/state/subcontract-lines', {
    key: { Company_Code, Vendor_Code, Subcontract_Number, Phase_Code, Cost_Type, Bid_Item_Number },
    set: { Original_Contract_Amount: '3500.00' },
  });
  const project = await api<{ projectId: string }>('pm', 'GET', `/commitments/${commitmentId}`);

  await signInAs(page, 'demo-approver');
  await page.getByRole('link', { name: 'Reconciliation' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Reconciliation with Spectrum' })).toBeVisible();
  await page.getByLabel('Project (linked to a Spectrum job)').selectOption(project.projectId);
  await page.getByRole('button', { name: 'Reconcile' }).press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: /^Job 24-103: some records differ/ }),
  ).toBeVisible();

  const lines = page.getByRole('table', { name: 'Commitment lines against subcontract lines' });
  const changed = lines.getByRole('row', {
    name: new RegExp(`^ACMEEL/SC-501/${a.Phase_Code}/${a.Cost_Type}\\b`),
  });
  await expect(changed).toContainText('Different');
  await expect(changed).toContainText('Amount: PM $3,000.00, Spectrum $3,500.00');
  const header = page.getByRole('table', { name: 'Commitments against subcontracts' });
  // the control API changed the line only: the subcontract's own amount in Spectrum still matches
  await expect(header.getByRole('row', { name: /^ACMEEL\/SC-501\b/ })).toContainText('Matched');
  await expect(lines.getByRole('row', { name: /^Total/ })).toContainText('Difference -$500.00');

  // only what does not match, with the keyboard
  const unmatchedOnly = page.getByRole('checkbox', { name: 'Show only rows that do not match' });
  await unmatchedOnly.focus();
  await page.keyboard.press('Space');
  await expect(unmatchedOnly).toBeChecked();
  await expect(
    lines.getByRole('row', { name: new RegExp(`^ACMEEL/SC-501/${b.Phase_Code}/${b.Cost_Type}\\b`) }),
  ).toHaveCount(0);
  await expect(changed).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download as CSV' })).toHaveAttribute(
    'href',
    new RegExp(`projectId=${project.projectId}&format=csv$`),
  );
  await expectAccessible(page);
  await snap(page, 'reconciliation');

  // VER-5: the approver checks every synced export against Spectrum now; the line changed there is drift
  const check = page.getByRole('button', { name: 'Check every synced export now' });
  await check.focus();
  await page.keyboard.press('Enter');
  const latest = page.getByRole('table', { name: 'Recent checks, newest first' }).getByRole('row').nth(1);
  await expect(latest).toContainText('Finished', { timeout: 30_000 });
  await expect(latest).toContainText('On demand');
  const drift = Number(await latest.getByRole('cell').nth(5).textContent());
  expect(drift).toBeGreaterThanOrEqual(1);
  await expect(check).toBeEnabled();
  await expectAccessible(page);
  await page.getByRole('table', { name: 'Recent checks, newest first' }).scrollIntoViewIfNeeded();
  await snap(page, 'verification-runs');
});
