import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from '../faults/fault-injector.js';
import { sendJson } from '../server/http-helpers.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import type { Row } from '../store/table-defs.js';
import * as T from '../store/table-defs.js';

interface ItemError {
  code: 'I' | 'M' | 'A';
  desc: string;
  column: string;
}

export interface SovResult {
  index: number;
  key: string;
  status: 'S' | 'I' | 'M' | 'A';
  errors: ItemError[];
}

function cents(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const c = Math.round(value * 100);
  if (Math.abs(value * 100 - c) > 1e-6 || !Number.isSafeInteger(c)) return undefined;
  return c;
}

function text(
  item: Record<string, unknown>,
  name: string,
  max: number,
  errors: ItemError[],
  required = false,
): string {
  const v = item[name];
  if (v === undefined || v === null || v === '') {
    if (required) errors.push({ code: 'M', desc: `${name} is required`, column: name });
    return '';
  }
  if (typeof v !== 'string') {
    errors.push({ code: 'I', desc: `${name} must be a string`, column: name });
    return '';
  }
  const t = v.trim();
  if (t.length > max)
    errors.push({ code: 'I', desc: `${name} exceeds the maximum length of ${max}`, column: name });
  return t;
}

/**
 * `POST /contract/scheduleofvalues`: fixed-price SOV lines per contract. Each contract is applied in
 * its own transaction (all its lines or none); the reply lists a result per contract.
 */
export function handleScheduleOfValues(
  app: SimulatorApp,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  after?: Fault,
): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    sendJson(res, 400, { error: 'Body is not valid JSON' });
    return;
  }
  const contracts = (parsed as { contracts?: unknown })?.contracts;
  if (!Array.isArray(contracts)) {
    sendJson(res, 400, { error: 'Body must be {"contracts": [...]}' });
    return;
  }
  const first = contracts[0] as Record<string, unknown> | undefined;
  const authId = app.restAuth(req, res, String(first?.Company_Code ?? ''));
  if (!authId) return;
  const results: SovResult[] = contracts.map((c, index) => applyContract(app, authId, c, index));
  if (after?.kind === 'drop-connection') {
    res.socket?.destroy();
    return;
  }
  if (after?.kind === 'truncate') {
    const text = JSON.stringify(results);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  sendJson(res, 200, results);
}

function applyContract(app: SimulatorApp, authId: string, input: unknown, index: number): SovResult {
  const c = (input ?? {}) as Record<string, unknown>;
  const company = String(c.Company_Code ?? '');
  const job = String(c.Job_Number ?? '');
  const customer = String(c.Customer_Code ?? '');
  const result: SovResult = { index, key: `${job}/${customer}`, status: 'S', errors: [] };
  const errors = result.errors;
  const finish = (): SovResult => {
    const worst = errors.find((e) => e.code === 'A') ?? errors.find((e) => e.code === 'M') ?? errors[0];
    result.status = worst ? worst.code : 'S';
    return result;
  };
  if (!app.auth.companiesOf(authId).includes(company)) {
    errors.push({
      code: 'A',
      desc: `Authorization ID is not authorized for company ${company}`,
      column: 'Company_Code',
    });
    return finish();
  }
  if (job === '') errors.push({ code: 'M', desc: 'Job_Number is required', column: 'Job_Number' });
  if (customer === '') errors.push({ code: 'M', desc: 'Customer_Code is required', column: 'Customer_Code' });
  if (errors.length) return finish();
  const contractKey = { Company_Code: company, Job_Number: job, Customer_Code: customer };
  const jobRow = app.store.get(T.jobs, { Company_Code: company, Job_Number: job });
  if (!jobRow) errors.push({ code: 'I', desc: 'Job does not exist', column: 'Job_Number' });
  const contract = app.store.get(T.contracts, contractKey);
  if (jobRow && !contract)
    errors.push({ code: 'I', desc: 'No contract exists for this job and customer', column: 'Customer_Code' });
  if (contract && contract.Price_Method_Code === 'U') {
    errors.push({
      code: 'I',
      desc: 'Schedule of values import is for fixed-price contracts only',
      column: 'Job_Number',
    });
  }
  const items = c.Schedule_Of_Values_Fixed;
  if (!Array.isArray(items) || items.length === 0) {
    errors.push({
      code: 'M',
      desc: 'Schedule_Of_Values_Fixed is required',
      column: 'Schedule_Of_Values_Fixed',
    });
  }
  if (errors.length) return finish();
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const raw of items as unknown[]) {
    const item = (raw ?? {}) as Record<string, unknown>;
    const billingItem = text(item, 'Billing_Item', 10, errors, true);
    if (billingItem && seen.has(billingItem)) {
      errors.push({ code: 'I', desc: `Billing_Item ${billingItem} appears twice`, column: 'Billing_Item' });
    }
    seen.add(billingItem);
    const taxable = text(item, 'Taxable', 1, errors);
    if (taxable && taxable !== 'Y' && taxable !== 'N')
      errors.push({ code: 'I', desc: 'Taxable must be Y or N', column: 'Taxable' });
    const original = cents(item.Original_Contract);
    if (original === undefined)
      errors.push({
        code: 'I',
        desc: 'Original_Contract is not a valid amount',
        column: 'Original_Contract',
      });
    const projected = cents(item.Projected_Revenue);
    if (projected === undefined)
      errors.push({
        code: 'I',
        desc: 'Projected_Revenue is not a valid amount',
        column: 'Projected_Revenue',
      });
    const row: Row = {
      ...contractKey,
      Billing_Item: billingItem,
      Billing_Description: text(item, 'Billing_Description', 30, errors),
      Additional_Billing_Description: text(item, 'Additional_Billing_Description', 40, errors),
      GL_Account: text(item, 'GL_Account', 12, errors),
      Taxable: taxable || String(jobRow?.Taxable_Flag ?? 'N') || 'N',
      Original_Contract: original ?? 0,
      Projected_Revenue: item.Projected_Revenue === undefined ? (original ?? 0) : (projected ?? 0),
      Unit_Price_Flag: 'N',
    };
    text(item, 'Memo', 250, errors);
    text(item, 'Cost_Center', 10, errors);
    text(item, 'Online_Tax_Code', 15, errors);
    rows.push(row);
  }
  if (errors.length) return finish();
  app.store.write(() => {
    for (const row of rows) app.store.put(T.contractItems, row);
    const total = app.store
      .select(T.contractItems, contractKey)
      .reduce((s, r) => s + Number(r.Original_Contract), 0);
    app.store.update(T.contracts, contractKey, { Original_Contract: total });
  });
  return finish();
}
