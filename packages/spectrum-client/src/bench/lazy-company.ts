import { getReplyXml, W_DESCRIPTION } from '../mocks/mock-xml.js';
import { JOB_ROW, PHASE_ROW } from '../services/get-services.js';
import type { FetchLike } from '../transport/http-transport.js';

/**
 * An in-process Spectrum that generates a large company lazily: every reply is built on demand from
 * the request's filters (status, cost-type prefix, job), capped at 500 rows with the `W` row, so
 * nothing but the current reply exists at any time.
 */
export interface LazyCompanyOptions {
  jobs: number;
  phasesPerJob: (jobIndex: number) => number;
  rowCap?: number;
}

const COST_TYPES = ['L', 'M', 'S', 'E', 'O'];
const JOB_PLACEHOLDER = '@@JOB@@';
const JOB_FIELDS = Object.values(JOB_ROW).map(([w]) => w);
const PHASE_FIELDS = Object.values(PHASE_ROW).map(([w]) => w);

function param(body: string, name: string): string {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1] ?? '';
}

function jobNumber(i: number): string {
  return `J${String(i).padStart(6, '0')}`;
}

function matches(pattern: string, value: string): boolean {
  if (pattern === '') return true;
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

export function lazyCompanyFetch(options: LazyCompanyOptions): { fetch: FetchLike; requests: () => number } {
  const cap = options.rowCap ?? 500;
  let requests = 0;
  const fetch: FetchLike = async (url, init) => {
    requests++;
    const body = String(init.body ?? '');
    const service = url.slice(url.lastIndexOf('/') + 1);
    if (service === 'GetJob') {
      const status = param(body, 'pStatus_Code');
      const rows: Record<string, string>[] = [];
      if (status === '' || status === 'A') {
        for (let j = 0; j < options.jobs && rows.length <= cap; j++) {
          rows.push({
            Company_Code: 'ABC',
            Job_Number: jobNumber(j),
            Job_Description: `Job ${j}`,
            Status_Code: 'A',
          });
        }
      }
      const over = rows.length > cap;
      return new Response(
        getReplyXml(
          'GetJob',
          JOB_FIELDS,
          rows.slice(0, cap),
          over ? { code: 'W', description: W_DESCRIPTION, column: ' ' } : undefined,
        ),
      );
    }
    const job = param(body, 'pJob_Number');
    const status = param(body, 'pStatus_Code');
    const costType = param(body, 'pCost_Type');
    const jobIndex = Number(job.slice(1));
    const count = options.phasesPerJob(jobIndex);
    // Replies differ between jobs only by the job number: build each distinct reply once.
    const templateKey = `${count}|${status}|${costType}`;
    let template = templates.get(templateKey);
    if (template === undefined) {
      template = phaseReply(count, status, costType);
      templates.set(templateKey, template);
    }
    return new Response(template.replaceAll(JOB_PLACEHOLDER, job));
  };
  const templates = new Map<string, string>();
  function phaseReply(count: number, status: string, costType: string): string {
    const job = JOB_PLACEHOLDER;
    const rows: Record<string, string>[] = [];
    let over = false;
    for (let i = 0; i < count; i++) {
      const ct = COST_TYPES[i % COST_TYPES.length]!;
      const st = i % 4 === 0 ? 'I' : 'A';
      if (!matches(costType, ct) || !(status === '' ? true : st === status)) continue;
      if (rows.length === cap) {
        over = true;
        break;
      }
      rows.push({
        Company_Code: 'ABC',
        Job_Number: job,
        Phase_Code: String(100000 + Math.floor(i / COST_TYPES.length)),
        Cost_Type: ct,
        Description: `Phase ${Math.floor(i / COST_TYPES.length)} description`,
        Status_Code: st,
        Unit_of_Measure: 'EA',
        JTD_Quantity: '.00',
        JTD_Hours: '12.50',
        JTD_Actual_Dollars: `${i}.${String(i % 100).padStart(2, '0')}`,
        Projected_Quantity: '.00',
        Projected_Hours: '100.00',
        Projected_Dollars: '33411.17',
        Estimated_Quantity: '.00',
        Estimated_Hours: '100.00',
        Current_Estimate_Dollars: '859.51',
        Cost_Center: 'BLD',
      });
    }
    return getReplyXml(
      'GetPhase',
      PHASE_FIELDS,
      rows,
      over ? { code: 'W', description: W_DESCRIPTION, column: ' ' } : undefined,
    );
  }
  return { fetch, requests: () => requests };
}
