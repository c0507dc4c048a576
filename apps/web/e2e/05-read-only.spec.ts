import { expect, test } from '@playwright/test';
import { expectAccessible, sentCommitment, signInAs, snap } from './support';

test.beforeAll(async () => {
  await sentCommitment('24-101', 'BAYPLB', {
    number: 'SC-304',
    title: 'Insulation',
    lines: [{ costCode: '010000', costType: 'S', amountCents: 100_000 }],
  });
});

const WRITE_ACTIONS = /^(Accept|Reject|Retry|Take back|Send to ERP|Import|Re-import|Link|Run now)\b/;

test('WEB-9 API-4 PERM-6: a read-only user sees no enabled write action, and each disabled one says every reason', async ({
  page,
}) => {
  await signInAs(page, 'demo-viewer');
  await page.getByRole('link', { name: 'Approval queue' }).press('Enter');
  await page.getByRole('button', { name: 'Ready to Export' }).press('Enter');
  const row = page.getByRole('row').filter({ hasText: 'SC-304 Insulation' });
  const accept = row.getByRole('button', { name: 'Accept SC-304 Insulation' });
  await expect(accept).toBeDisabled();
  // the reasons are text tied to the button (aria-describedby), not a tooltip
  await expect(accept).toHaveAccessibleDescription(
    /^Accept is unavailable: .*needs the Standard level.*Only accounting approvers/,
  );
  // and they are on the screen, for everyone
  await expect(row.getByText(/This needs the Standard level/).first()).toBeVisible();
  await expect(row.getByText(/Only accounting approvers/).first()).toBeVisible();
  for (const b of await page.getByRole('button', { name: WRITE_ACTIONS }).all())
    await expect(b).toBeDisabled();
  await expectAccessible(page);
  await snap(page, 'read-only-queue');

  await page.getByRole('link', { name: 'ERP Integrations' }).press('Enter');
  await expect(page.getByRole('link', { name: 'New commitment' })).toHaveCount(0);
  for (const b of await page.getByRole('button', { name: WRITE_ACTIONS }).all())
    await expect(b).toBeDisabled();
  const send = page.getByRole('button', { name: /^Send to ERP/ }).first();
  await expect(send).toHaveAccessibleDescription(/needs the Standard level/);
  await page.getByRole('link', { name: 'Spectrum jobs' }).press('Enter');
  await expect(page.getByRole('button', { name: /^Import as project/ }).first()).toBeDisabled();
  for (const b of await page.getByRole('button', { name: WRITE_ACTIONS }).all())
    await expect(b).toBeDisabled();
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'Connection' })).toHaveCount(0);
});
