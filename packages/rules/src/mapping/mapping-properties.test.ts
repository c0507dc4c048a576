import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Budget,
  Commitment,
  CommitmentChangeOrder,
  Company,
  PrimeContract,
  PrimeContractChangeOrder,
  Project,
  SovLine,
  TemplateJob,
} from '../domain/types.js';
import { mapBudgetToAddPhases, mapForecastToProjections } from './map-budget.js';
import {
  mapBudgetChangeToChangeRequest,
  mapCommitmentChangeOrderToChangeRequest,
  mapPrimeContractChangeOrderToChangeRequest,
} from './map-change-requests.js';
import { mapCommitmentToSubcontract } from './map-commitment-to-subcontract.js';
import { mapCompanyToAddVendor } from './map-company-to-add-vendor.js';
import { mapProjectToAddJob } from './map-project-to-add-job.js';
import type { SpectrumWriteService } from './payload-fields.js';
import { validatePayload } from './validate-payload.js';
import { wireText } from './wire-values.js';

/* Arbitrary PM records that pass the export eligibility checks, with hostile free text. */

const chars = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const freeText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 60 }));
const optText = fc.option(freeText, { nil: null });
const companyCode = chars(UPPER, 1, 3);
const jobNumber = chars(`${UPPER}abc-._/`, 1, 10);
const vendorCode = chars(UPPER, 1, 10);
const costType = chars(UPPER, 1, 3);
const costCode = fc
  .tuple(fc.array(chars(UPPER, 1, 4), { minLength: 1, maxLength: 5 }), fc.constantFrom('-', '', '.'))
  .map(([parts, separator]) => parts.join(separator));
const cents = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const phone = fc.option(
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: 7, maxLength: 14 })
    .chain((digits) =>
      fc
        .constantFrom(' ', '-', '.', '')
        .map((sep) => `(${digits.slice(0, 3).join('')}) ${digits.slice(3).join(sep)}`),
    ),
  { nil: null },
);
const state = fc.option(chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 2, 2), { nil: null });
const zip = fc.option(
  fc.oneof(
    chars('0123456789', 5, 5),
    fc.tuple(chars('0123456789', 5, 5), chars('0123456789', 4, 4)).map(([a, b]) => `${a}-${b}`),
  ),
  { nil: null },
);
const crNumber = fc.tuple(chars(UPPER, 1, 1), chars(`${UPPER}-`, 0, 7)).map(([a, b]) => a + b);

const project: fc.Arbitrary<Project> = fc.record({
  id: fc.uuid(),
  name: freeText,
  createdAt: fc.constant('2026-03-01T00:00:00.000Z'),
  costCodeListId: fc.constant('list'),
  costCodes: fc.constant([]),
  address1: optText,
  address2: optText,
  city: optText,
  state,
  zip,
  phone,
  jobNumber: fc.constant(null),
  isSubJob: fc.constant(false),
  tools: fc.constant({ budget: true, primeContracts: true }),
});

const template: fc.Arbitrary<TemplateJob> = fc.record({
  jobNumber,
  division: chars('0123456789', 1, 5),
  costCenter: chars(`${UPPER}-`, 1, 10).filter((s) => s.trim() !== ''),
  customerCode: vendorCode,
  taxable: fc.boolean(),
  priceMethodCode: fc.constantFrom('F' as const, 'T' as const, 'C' as const, 'U' as const),
  phaseMask: fc.option(chars('X-.', 1, 20), { nil: undefined }),
});

const company: fc.Arbitrary<Company> = fc.record({
  id: fc.uuid(),
  // a directory company always has a name
  name: freeText.filter((n) => wireText(n, 30) !== ''),
  address1: optText,
  address2: optText,
  city: optText,
  state,
  zip,
  phone,
  fax: phone,
  email: fc.option(
    fc.emailAddress().filter((e) => e.length <= 80),
    { nil: null },
  ),
  contactName: optText,
  vendorType: fc.option(chars(UPPER, 1, 6), { nil: null }),
  vendorCode: fc.option(vendorCode, { nil: null }),
});

const sovLine = (type: string): fc.Arbitrary<SovLine> =>
  fc.record({ costCode, costType: fc.constant(type), description: optText, amount: cents, taxCode: optText });
const sovLines = costType.chain((type) => fc.array(sovLine(type), { minLength: 1, maxLength: 8 }));

const commitment: fc.Arbitrary<Commitment> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom('subcontract' as const, 'purchase_order' as const),
  number: freeText,
  title: freeText,
  status: fc.constantFrom('approved' as const, 'complete' as const),
  companyId: fc.uuid(),
  projectId: fc.uuid(),
  lines: sovLines,
  contractDate: fc.option(isoDate, { nil: null }),
  retentionPercent: fc.option(
    fc.integer({ min: 0, max: 10000 }).map((n) => (n % 100 === 0 ? String(n / 100) : (n / 100).toFixed(2))),
    { nil: null },
  ),
  syncState: fc.constant(null),
  spectrumKey: fc.tuple(vendorCode, crNumber).map(([v, s]) => `${v}/${s}`),
});

const cco: fc.Arbitrary<CommitmentChangeOrder> = fc.record({
  id: fc.uuid(),
  number: freeText,
  title: freeText,
  status: fc.constantFrom('approved' as const, 'pending' as const),
  commitmentId: fc.uuid(),
  lines: sovLines,
  date: fc.option(isoDate, { nil: null }),
  syncState: fc.constant(null),
  spectrumKey: fc.constant(null),
});

const primeContract: fc.Arbitrary<PrimeContract> = fc.record({
  id: fc.uuid(),
  projectId: fc.uuid(),
  jobNumber,
  customerCode: vendorCode,
  title: freeText,
  status: fc.constant('approved' as const),
  unitPrice: fc.constant(false),
  syncState: fc.constant('synced' as const),
  lastImportedAt: fc.constant(null),
});

const pcco: fc.Arbitrary<PrimeContractChangeOrder> = fc.record({
  id: fc.uuid(),
  number: freeText,
  title: freeText,
  status: fc.constantFrom('approved' as const, 'pending' as const),
  primeContractId: fc.uuid(),
  unitPrice: fc.constant(false),
  lines: fc.array(
    fc.record({
      billingItemCode: chars(`${UPPER}abc`, 1, 11),
      description: optText,
      amount: cents,
      costCode: fc.option(costCode, { nil: null }),
      costType: fc.option(costType, { nil: null }),
      costAmount: fc.option(cents, { nil: null }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  approvedDate: fc.option(isoDate, { nil: null }),
  syncState: fc.constant(null),
  spectrumKey: fc.constant(null),
});

const budget: fc.Arbitrary<Budget> = fc.record({
  projectId: fc.uuid(),
  locked: fc.constant(true),
  everExported: fc.constant(false),
  exportInFlight: fc.constant(false),
  lines: fc.array(
    fc.record({
      costCode,
      costType,
      description: optText,
      amount: cents,
      estimatedCostAtCompletion: fc.option(cents, { nil: null }),
      quantity: optText,
      unitOfMeasure: optText,
    }),
    { maxLength: 10 },
  ),
});

function expectValid(service: SpectrumWriteService, payloads: object[]) {
  for (const p of payloads) {
    const check = validatePayload(service, p);
    if (!check.ok) throw new Error(`${service} ${JSON.stringify(p)}: ${JSON.stringify(check.reasons)}`);
  }
}

const runs = { numRuns: 150 };

describe('every mapped payload passes validatePayload (properties)', () => {
  it('JOB-3: AddJob from any eligible project and template job', () => {
    fc.assert(
      fc.property(project, template, companyCode, jobNumber, (p, t, cc, jn) => {
        expectValid('AddJob', [mapProjectToAddJob(p, t, { companyCode: cc, jobNumber: jn })]);
      }),
      runs,
    );
  });

  it('VEN-2: AddVendor from any directory company', () => {
    fc.assert(
      fc.property(company, companyCode, vendorCode, (c, cc, vc) => {
        expectValid('AddVendor', [mapCompanyToAddVendor(c, { companyCode: cc, vendorCode: vc })]);
      }),
      runs,
    );
  });

  it('COM-2: subcontract header and lines from any eligible commitment, one line per phase + cost type', () => {
    fc.assert(
      fc.property(
        commitment,
        company,
        companyCode,
        jobNumber,
        vendorCode,
        crNumber,
        (cm, c, cc, jn, vc, sn) => {
          const { header, lines } = mapCommitmentToSubcontract(cm, c, {
            companyCode: cc,
            jobNumber: jn,
            vendorCode: vc,
            subcontractNumber: sn,
            glAccount: '5000-10',
          });
          expectValid('UpdateSubcontract', [header]);
          expectValid('UpdateSubcontractPhases', lines);
          expect(new Set(lines.map((l) => `${l.Phase_Code}/${l.Cost_Type}`)).size).toBe(lines.length);
        },
      ),
      runs,
    );
  });

  it('CCO-2: change request lines from any eligible CCO, never two with the same phase + cost type', () => {
    fc.assert(
      fc.property(
        cco,
        commitment,
        company,
        companyCode,
        jobNumber,
        vendorCode,
        crNumber,
        (o, cm, c, cc, jn, cust, crn) => {
          const payloads = mapCommitmentChangeOrderToChangeRequest(o, cm, c, {
            companyCode: cc,
            jobNumber: jn,
            customerCode: cust,
            changeRequestNumber: crn,
            status: 'AP',
          });
          expectValid('ARChangeRequest', payloads);
          expect(new Set(payloads.map((p) => `${p.CR_Phase_Code}/${p.CR_Cost_Type}`)).size).toBe(
            payloads.length,
          );
        },
      ),
      runs,
    );
  });

  it('PCCO-2: change request lines from any eligible PCCO', () => {
    fc.assert(
      fc.property(pcco, primeContract, companyCode, crNumber, (o, pc, cc, crn) => {
        expectValid(
          'ARChangeRequest',
          mapPrimeContractChangeOrderToChangeRequest(o, pc, {
            companyCode: cc,
            changeRequestNumber: crn,
            status: 'A',
          }),
        );
      }),
      runs,
    );
  });

  it('BUD-7: AddPhase, projections and budget change lines from any locked budget', () => {
    fc.assert(
      fc.property(
        budget,
        companyCode,
        jobNumber,
        isoDate,
        vendorCode,
        crNumber,
        (b, cc, jn, day, cust, crn) => {
          expectValid('AddPhase', mapBudgetToAddPhases(b, { companyCode: cc, jobNumber: jn }));
          expectValid(
            'JobCostProjections',
            mapForecastToProjections(b, { companyCode: cc, jobNumber: jn, transactionDate: day }),
          );
          expectValid(
            'ARChangeRequest',
            mapBudgetChangeToChangeRequest(
              {
                id: 'x',
                number: '1',
                title: 'Change',
                projectId: b.projectId,
                lines: b.lines,
                date: day,
                syncState: null,
                spectrumKey: null,
              },
              {
                companyCode: cc,
                jobNumber: jn,
                customerCode: cust,
                changeRequestNumber: crn,
                status: 'AP',
                approved: true,
              },
            ),
          );
        },
      ),
      runs,
    );
  });
});
