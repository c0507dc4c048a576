import { formatDecimalAmount } from '@bridge/rules';
import { stringify } from 'csv-stringify/sync';
import type { JobReconciliation } from './reconciliation.service.js';

export const RECONCILIATION_CSV_HEADER = [
  'job',
  'project',
  'section',
  'key',
  'status',
  'pm_amount',
  'spectrum_amount',
  'differences',
];

const SECTIONS = [
  ['budget', 'estimateCents'],
  ['commitments', 'amountCents'],
  ['commitmentLines', 'amountCents'],
  ['primeContracts', 'originalContractCents'],
  ['changeRequests', 'costCents'],
] as const;

const money = (v: unknown) => (typeof v === 'number' ? formatDecimalAmount(v) : '');
const shown = (field: string, v: unknown) =>
  v === null || v === undefined ? '(none)' : field.endsWith('Cents') ? money(v) : String(v);

/** The rows of one job as CSV lines (no header): amounts in dollars, each difference as "field: PM ≠ Spectrum". */
export function jobCsv(job: JobReconciliation): string {
  const rows: string[][] = [];
  for (const [name, amount] of SECTIONS) {
    for (const r of job[name].rows) {
      rows.push([
        job.jobNumber,
        job.projectName,
        name,
        r.key,
        r.status,
        money(r.pm?.[amount]),
        money(r.spectrum?.[amount]),
        r.differences
          .map((d) => `${d.field}: ${shown(d.field, d.pm)} ≠ ${shown(d.field, d.spectrum)}`)
          .join('; '),
      ]);
    }
  }
  return rows.length ? stringify(rows) : '';
}

export const csvHeader = () => stringify([RECONCILIATION_CSV_HEADER]);

/** The last line of a streamed report that failed on a job: the failure in plain words where the differences go. */
export const errorCsv = (jobNumber: string, projectName: string, message: string) =>
  stringify([[jobNumber, projectName, 'error', '', 'failed', '', '', message]]);
