import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const simUrl = () => process.env.E2E_SIM_URL as string;

/** The control API, for a test's set-up and checks (the screens under test never use this). */
export async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${simUrl()}/__sim${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

const BASIC = `Basic ${Buffer.from('ABC:BRIDGEDEMO').toString('base64')}`;

/** A client's Info-Link read (the surface the integration reads subcontracts through). */
export async function infolink(table: string, query: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${simUrl()}/infolink/${table}?Company_Code=ABC&${query}`, {
    headers: { Authorization: BASIC },
  });
  if (!res.ok) throw new Error(`infolink ${table}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { rows: Record<string, unknown>[] }).rows;
}

/** A client's SDX SOAP call, as the integration's client sends it. */
export async function soap(
  service: string,
  fields: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const inner = Object.entries({ Authorization_ID: 'BRIDGEDEMO', GUID: '', ...fields })
    .map(([k, v]) => (v === '' ? `<${k}/>` : `<${k}>${v}</${k}>`))
    .join('');
  const res = await fetch(`${simUrl()}/ws/${service}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `${simUrl()}/ws/${service}` },
    body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${service} xmlns="http://www.northgate-is.com/proiv/webservices/types">${inner}</${service}></soap:Body></soap:Envelope>`,
  });
  return { status: res.status, body: await res.text() };
}

export const getJob = () =>
  soap('GetJob', {
    pCompany_Code: 'ABC',
    pDivision: '',
    pStatus_Code: '',
    pProject_Manager: '',
    pSuperintendent: '',
    pEstimator: '',
    pCustomer_Code: '',
    pCost_Center: '',
    pSort_By: '',
  });

/** Opens the console on a section with the simulator reset to its start-up scenario. */
export async function openConsole(page: Page, query = '') {
  await control('POST', '/reset');
  await page.goto(`${simUrl()}/__sim/${query}`);
  await expect(page.getByText(/Scenario demo/).first()).toBeVisible();
}

/** axe (WCAG 2.1 A and AA) finds nothing on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** With SCREENSHOTS=1 (`./scripts/pnpm.sh --filter @bridge/spectrum-simulator screenshots`), keeps a picture for the README. */
export async function snap(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.screenshot({
    path: new URL(`../docs/screenshots/${name}.png`, import.meta.url).pathname,
    fullPage: false,
  });
}
