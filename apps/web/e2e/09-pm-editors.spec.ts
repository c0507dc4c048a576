import { expect, test } from '@playwright/test';
import {
  acceptedAndSynced,
  api,
  ensureConnectedAndSynced,
  expectAccessible,
  imported,
  rowsOf,
  sentCommitment,
  signInAs,
  sim,
  snap,
  syncGroup,
  waitingRequest,
} from './support';

test("WEB-15 CCO-1: a PM adds a change order to a synced commitment, sees the service's field errors beside the field, and sends it", async ({
  page,
}) => {
  const commitmentId = await sentCommitment('24-101', 'EAGLEST', {
    number: 'SC-401',
    title: 'Drywall',
    lines: [{ costCode: '010000', costType: 'S', description: 'Mobilization', amountCents: 150_000 }],
  });
  await acceptedAndSynced('commitment', commitmentId);

  await signInAs(page, 'demo-pm');
  await page.goto(`${process.env.E2E_BASE_URL}/commitments/${commitmentId}`);
  await expect(page.getByRole('heading', { name: 'Commitment SC-401' })).toBeVisible();
  await expect(page.getByText('No change orders yet.')).toBeVisible();
  await page.getByRole('link', { name: 'New change order' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'New change order on SC-401' })).toBeVisible();

  await page.getByLabel('Number').fill('1');
  await page.getByLabel('Title').fill('Extra layer');
  await page.getByLabel('Line 1 cost code').fill('010000');
  await page.getByLabel('Line 1 cost type').fill('S');
  await page.getByLabel('Line 1 description').fill('Second layer');
  await page.getByLabel('Line 1 amount').fill('2,500.00');
  await page.getByLabel('Line 1 amount').press('Enter');
  await expect(page.getByRole('heading', { name: 'Change order 1 on SC-401' })).toBeVisible();
  await expectAccessible(page);
  await snap(page, 'change-order');

  const send = page.getByRole('button', { name: 'Send to ERP', exact: true });
  await expect(send).toBeEnabled();
  await send.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Sent:/ })).toBeVisible();
  const commitment = await api<{ changeOrders: { id: string; number: string; totalCents: number }[] }>(
    'pm',
    'GET',
    `/commitments/${commitmentId}`,
  );
  const co = commitment.changeOrders.find((c) => c.number === '1');
  expect(co?.totalCents).toBe(250_000);
  expect(await waitingRequest('commitment_change_order', co?.id ?? '')).not.toBeNull();

  // a second change order with the same number: the service's refusal shows beside the Number field
  await page.getByRole('link', { name: '← Commitment SC-401' }).press('Enter');
  await expect(page.getByRole('row').filter({ hasText: '1 Extra layer' })).toContainText('$2,500.00');
  await page.getByRole('link', { name: 'New change order' }).press('Enter');
  await page.getByLabel('Number').fill('1');
  await page.getByLabel('Title').fill('Same number');
  await page.getByLabel('Line 1 cost code').fill('010000');
  await page.getByLabel('Line 1 cost type').fill('S');
  await page.getByLabel('Line 1 amount').fill('10');
  await page.getByRole('button', { name: 'Create change order' }).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'The change order was not saved' })).toBeVisible();
  await expect(page.getByLabel('Number')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('WEB-16 BUD-5 BUD-6 BCH-1 PRE-4: a PM builds a budget line by line, locks and sends it, then sends a budget change', async ({
  page,
}) => {
  await ensureConnectedAndSynced();
  const projectId = await imported('job', '24-106');
  await syncGroup('cost_codes');
  const phases = rowsOf<Record<string, string>>(
    await sim('GET', '/state/phases?Job_Number=24-106&limit=500'),
  );
  const [first, second] = phases;
  if (!first || !second) throw new Error('job 24-106 has fewer than two phase rows');
  const project = await api<{ name: string }>('pm', 'GET', `/projects/${projectId}`);

  await signInAs(page, 'demo-pm');
  await page.getByRole('link', { name: 'ERP Integrations' }).press('Enter');
  await page.getByRole('link', { name: 'Projects', exact: true }).press('Enter');
  await page.getByRole('link', { name: `Budget of ${project.name}` }).press('Enter');
  await expect(page.getByRole('heading', { name: /^Budget of 24-106/ })).toBeVisible();

  // two lines through the add-line form, the keyboard only
  for (const [phase, amount] of [
    [first, '1,000.00'],
    [second, '2000'],
  ] as const) {
    const form = page.getByRole('form', { name: 'Add a line' });
    await form.getByLabel('Cost code').fill(phase.Phase_Code as string);
    await form.getByLabel('Cost type').fill(phase.Cost_Type as string);
    await form.getByLabel('Amount').fill(amount);
    await form.getByLabel('Amount').press('Enter');
    await expect(form.getByLabel('Cost code')).toHaveValue('');
  }
  const lines = page.getByRole('table', { name: 'Budget lines' });
  await expect(lines.getByRole('row').filter({ hasText: 'Total' })).toContainText('$3,000.00');

  // a line's amount changed in place
  const amount = page.getByRole('textbox', { name: `Amount of ${first.Phase_Code} ${first.Cost_Type}` });
  await amount.fill('1500');
  await amount.press('Enter');
  await expect(lines.getByRole('row').filter({ hasText: 'Total' })).toContainText('$3,500.00');

  // an unlocked budget cannot be sent, and says so beside the button
  const sendBudget = page.getByRole('button', { name: 'Send budget to ERP' });
  await expect(sendBudget).toBeDisabled();
  const newChange = page.getByRole('button', { name: 'New budget change' });
  await expect(newChange).toBeDisabled();
  await expect(newChange).toHaveAccessibleDescription(/locked budget/);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Lock budget' }).press('Enter');
  await expect(page.getByText('Locked (the approved original budget).')).toBeVisible();
  await expect(sendBudget).toBeEnabled();
  await sendBudget.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Sent:/ })).toBeVisible();
  const budget = await api<{ id: string; totals: { amountCents: number } }>(
    'pm',
    'GET',
    `/projects/${projectId}/budget`,
  );
  expect(budget.totals.amountCents).toBe(350_000);
  await acceptedAndSynced('budget', budget.id);
  const estimates = rowsOf<Record<string, string>>(
    await sim('GET', `/state/phases?Job_Number=24-106&Phase_Code=${first.Phase_Code}&limit=50`),
  ).find((r) => r.Cost_Type === first.Cost_Type);
  expect(estimates?.Original_Est_Cost).toMatch(/^1500(\.00?)?$/);

  // a budget change against the locked, exported budget
  await page.reload();
  await page.getByRole('button', { name: 'New budget change' }).press('Enter');
  const form = page.getByRole('form', { name: 'New budget change' });
  await form.getByLabel('Number').fill('BC-1');
  await form.getByLabel('Title').fill('Owner add');
  await form.getByLabel('Line 1 cost code').fill(second.Phase_Code as string);
  await form.getByLabel('Line 1 cost type').fill(second.Cost_Type as string);
  await form.getByLabel('Line 1 amount').fill('750');
  await form.getByRole('button', { name: 'Create budget change' }).press('Enter');
  const change = page.getByRole('row').filter({ hasText: 'BC-1 Owner add' });
  await expect(change).toContainText('$750.00');
  await expectAccessible(page);
  await snap(page, 'budget');
  const sendChange = change.getByRole('button', { name: 'Send to ERP budget change BC-1' });
  // PRE-4: Spectrum keeps change requests on the job's contract, and 24-106 has none: the reason is shown, and once
  // the contract is set up in Spectrum (and synced) the change can be sent
  await expect(sendChange).toBeDisabled();
  await expect(change).toContainText('Spectrum job 24-106 has no contract for customer C300');
  await sim('POST', '/state/contracts', {
    Company_Code: 'ABC',
    Job_Number: '24-106',
    Customer_Code: 'C300',
    Contract_Description: '24-106 Prime Contract',
    Contract_Number: 'PC-24-106',
    Price_Method_Code: 'C',
    Status_Code: 'A',
    Approved_Flag: 'N',
  });
  await syncGroup('jobs');
  await page.reload();
  await expect(sendChange).toBeEnabled();
  await sendChange.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Sent:/ })).toBeVisible();
  const changes = await api<{ items: { id: string; number: string }[] }>(
    'pm',
    'GET',
    `/projects/${projectId}/budget-changes`,
  );
  const bc = changes.items.find((c) => c.number === 'BC-1');
  expect(await waitingRequest('budget_change', bc?.id ?? '')).not.toBeNull();
});
