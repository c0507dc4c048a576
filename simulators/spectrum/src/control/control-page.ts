import { escapeXml, formatDecimalText } from '../formats/spectrum-format.js';
import type { SimulatorApp } from '../server/simulator-app.js';
import type { Row } from '../store/table-defs.js';
import * as T from '../store/table-defs.js';

const h = (v: unknown): string => escapeXml(String(v ?? ''));

function tableHtml(title: string, headers: string[], rows: string[][], more = 0): string {
  const head = headers.map((x) => `<th>${h(x)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('\n');
  const note = more > 0 ? `<p class="more">… and ${more} more</p>` : '';
  return `<h2>${h(title)}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}`;
}

const LIMIT = 200;

function limited(rows: Row[]): { rows: Row[]; more: number } {
  return { rows: rows.slice(0, LIMIT), more: Math.max(0, rows.length - LIMIT) };
}

/** A read-only HTML overview for demos: companies, jobs, vendors, subcontracts, request log. */
export function controlPage(app: SimulatorApp): string {
  const s = app.store;
  const companies = s.select(T.companies);
  const jobs = limited(s.select(T.jobs));
  const vendors = limited(s.select(T.vendors));
  const subs = limited(s.select(T.subcontracts));
  const requests = app.log.list().slice(-100).reverse();
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Spectrum simulator</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin-bottom:16px}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f0f0f0}.more{color:#666}
.banner{background:#fff3cd;border:1px solid #e0c36c;padding:8px 12px}</style></head><body>
<h1>Spectrum simulator</h1>
<p class="banner">Read-only overview. Scenario <b>${h(s.getMeta('scenario') ?? '')}</b>, store generation ${s.generation},
enhanced auth ${app.auth.options.enhanced ? 'on' : 'off'}, ${app.faults.list().length} armed fault(s).</p>
${tableHtml(
  'Companies',
  ['Company', 'Name'],
  companies.map((c) => [String(c.Company_Code), String(c.Company_Name)]),
)}
${tableHtml(
  'Jobs',
  ['Company', 'Job', 'Description', 'Status', 'Customer', 'Price method', 'Master job'],
  jobs.rows.map((j) => [
    String(j.Company_Code),
    String(j.Job_Number),
    String(j.Job_Description),
    String(j.Status_Code),
    String(j.Customer_Code),
    String(j.Price_Method_Code),
    String(j.Master_Job),
  ]),
  jobs.more,
)}
${tableHtml(
  'Vendors',
  ['Company', 'Vendor', 'Name', 'Type', 'Status', 'Fax'],
  vendors.rows.map((v) => [
    String(v.Company_Code),
    String(v.Vendor_Code),
    String(v.Vendor_Name),
    String(v.Type),
    String(v.Status),
    String(v.Fax_Phone),
  ]),
  vendors.more,
)}
${tableHtml(
  'Subcontracts',
  ['Company', 'Vendor', 'Number', 'Job', 'Status', 'Original amount'],
  subs.rows.map((x) => [
    String(x.Company_Code),
    String(x.Vendor_Code),
    String(x.Subcontract_Number),
    String(x.Job_Number),
    String(x.Status_Code),
    formatDecimalText(Number(x.Original_Amount)),
  ]),
  subs.more,
)}
${tableHtml(
  'Recent requests',
  ['Time', 'Method', 'Path', 'Service', 'Status', 'ms', 'Fault'],
  requests.map((r) => [
    r.time,
    r.method,
    r.path,
    r.service,
    String(r.status),
    String(r.durationMs),
    r.fault ?? '',
  ]),
)}
</body></html>`;
}
