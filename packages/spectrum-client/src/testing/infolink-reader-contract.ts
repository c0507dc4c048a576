import { beforeEach, describe, expect, it } from 'vitest';
import { SpectrumAuthError } from '../errors.js';
import type { InfoLinkReader } from '../infolink/infolink-reader.js';
import { sampleData } from '../mocks/fixtures.js';
import type { InfoLinkTableName, SpectrumMockData } from '../mocks/mock-data.js';

/**
 * What the shared Info-Link reader expectations need from a transport: the HTTP reader against the msw mocks or the
 * simulator's stand-in, the SQL reader against the simulator's PostgreSQL mirror. Rows are given in the mocks' domain
 * form (`SpectrumMockData.infoLink`).
 */
export interface InfoLinkReaderHarness {
  /** Replaces what the reader sees with this data (company `ABC`). */
  load(data: SpectrumMockData): Promise<void>;
  reader(options?: { pageSize?: number }): InfoLinkReader;
  /** Pages the reader asked for (HTTP requests or SQL statements) since the last `load`. */
  pageRequests(): number;
  /** From now on the reader's login may not read this table. */
  deny(table: InfoLinkTableName): Promise<void>;
  /** Adds rows to a table (absent where the transport's data cannot change mid-read, as with the msw mocks). */
  insert?(table: InfoLinkTableName, rows: Record<string, unknown>[]): Promise<void>;
}

/**
 * The Info-Link reader's expectations, one list for every implementation (PROD-1, PROD-2): the HTTP stand-in's
 * reader and the SQL reader must both pass it unchanged.
 */
export function describeInfoLinkReaderContract(title: string, harness: () => InfoLinkReaderHarness): void {
  describe(`Info-Link reader contract: ${title}`, () => {
    let h: InfoLinkReaderHarness;
    beforeEach(() => {
      h = harness();
    });

    it('PROD-1 reads every table into camelCase domain rows (cents, decimal text at scale, ISO dates, ints)', async () => {
      await h.load(sampleData());
      const c = h.reader();
      expect(await c.listSubcontracts().toArray()).toEqual([
        {
          companyCode: 'ABC',
          vendorCode: 'STEEL01',
          subcontractNumber: '24-101-01',
          jobNumber: '24-101',
          contractType: '',
          statusCode: 'A',
          dateIssued: '2024-04-02',
          defaultPhaseCode: '',
          defaultCostType: '',
          glAccount: '5200',
          retentionPercent: '10.00',
          originalAmountCents: 45000000,
          comment1: '',
          comment2: '',
        },
      ]);
      expect(await c.listSubcontractLines().toArray()).toMatchObject([
        { phaseCode: '051200', unitPrice: '0.0000', originalContractCents: 45000000 },
      ]);
      expect((await c.listCostTypes().toArray()).map((r) => r.costType)).toEqual(['L', 'M', 'S']);
      expect(await c.listStandardPhases().toArray()).toHaveLength(2);
      expect(await c.listVendorMaster().toArray()).toMatchObject([
        { vendorCode: 'STEEL01', termsDays: 30, status: 'A' },
      ]);
      expect(await c.listContracts().toArray()).toMatchObject([
        { approved: true, originalContractCents: 1234567890 },
      ]);
      expect(await c.listContractItems().toArray()).toMatchObject([{ billingItem: '100', unitPrice: false }]);
      expect(await c.listChangeRequests().toArray()).toMatchObject([
        { changeRequestNumber: 'CR001', approvedDate: null },
      ]);
      expect(await c.listChangeRequestLines().toArray()).toMatchObject([
        { lineNumber: 1, amountCents: 1500000 },
      ]);
      expect(await c.listChangeRequestRevenueLines().toArray()).toMatchObject([
        { lineNumber: 1, unitPrice: '0.0000', revenueCents: 1650000 },
      ]);
      expect(await c.listJobCostHistory().toArray()).toMatchObject([
        { transactionNumber: 1, amountCents: 85951, totalHours: '12.50', tranDate: '2024-04-30' },
      ]);
      expect((await c.listJobs().toArray()).map((j) => j.jobNumber)).toEqual(['23-050', '24-101', '24-102']);
      expect(await c.listPhaseMaster({ jobNumber: '24-101' }).toArray()).toMatchObject([
        {
          phaseCode: '013100',
          costType: 'L',
          jtdActualCents: 85951,
          originalEstHours: '100.00',
          endDate: null,
        },
        { phaseCode: '013100', costType: 'M', jtdActualCents: 0 },
        { phaseCode: '033000', costType: 'S', jtdActualCents: 3341117 },
      ]);
    });

    it('PROD-1 applies domain filters as exact column filters, always within the company', async () => {
      await h.load(sampleData());
      const c = h.reader();
      expect(
        await c.listSubcontractLines({ vendorCode: 'STEEL01', subcontractNumber: '24-101-01' }).toArray(),
      ).toHaveLength(1);
      expect(await c.listSubcontractLines({ vendorCode: 'NOBODY' }).toArray()).toEqual([]);
      expect((await c.listJobs({ jobNumber: '24-102' }).toArray()).map((j) => j.jobDescription)).toEqual([
        'Elm St Parking Deck',
      ]);
      expect(await c.listChangeRequestLines({ lineNumber: '1' }).toArray()).toHaveLength(1);
      expect(await c.listChangeRequestLines({ lineNumber: '2' }).toArray()).toEqual([]);
    });

    it('PROD-2 follows keyset pages in primary-key order until the last one', async () => {
      const data = sampleData();
      data.infoLink!.JC_TRANSACTION_HISTORY_MC = [5, 3, 1, 4, 2].map((n) => ({
        transactionNumber: n,
        amountCents: n,
      }));
      await h.load(data);
      const rows = await h.reader({ pageSize: 2 }).listJobCostHistory().toArray();
      expect(rows.map((r) => r.transactionNumber)).toEqual([1, 2, 3, 4, 5]);
      expect(h.pageRequests()).toBe(3);
    });

    it('PROD-2 reads the subcontract tables in job order (Job_Number, then their key), paging on both', async () => {
      const data = sampleData();
      const sub = data.infoLink!.VN_SUBCONTRACT_MC![0] as Record<string, unknown>;
      data.infoLink!.VN_SUBCONTRACT_MC = [
        { ...sub, vendorCode: 'AAA', subcontractNumber: '9', jobNumber: '24-102' },
        { ...sub, vendorCode: 'ZZZ', subcontractNumber: '1', jobNumber: '23-050' },
        { ...sub, vendorCode: 'MMM', subcontractNumber: '2', jobNumber: '24-101' },
        { ...sub, vendorCode: 'AAA', subcontractNumber: '1', jobNumber: '24-101' },
      ];
      await h.load(data);
      const rows = await h.reader({ pageSize: 1 }).listSubcontractsByJob().toArray();
      expect(rows.map((r) => `${r.jobNumber} ${r.vendorCode}/${r.subcontractNumber}`)).toEqual([
        '23-050 ZZZ/1',
        '24-101 AAA/1',
        '24-101 MMM/2',
        '24-102 AAA/9',
      ]);
      expect(h.pageRequests()).toBe(4);
      const lines = await h.reader().listSubcontractLinesByJob({ jobNumber: '24-101' }).toArray();
      expect(lines.map((l) => l.phaseCode)).toEqual(['051200']);
    });

    it('PROD-2 a row added between pages is neither skipped nor repeated', async (ctx) => {
      if (!h.insert) {
        ctx.skip();
        return;
      }
      const data = sampleData();
      data.infoLink!.JC_TRANSACTION_HISTORY_MC = [10, 20, 30, 40].map((n) => ({
        transactionNumber: n,
        amountCents: n,
      }));
      await h.load(data);
      const seen: number[] = [];
      for await (const row of h.reader({ pageSize: 2 }).listJobCostHistory()) {
        seen.push(row.transactionNumber);
        // after the first page: one row lands before the cursor (not this read's business), one after it
        if (seen.length === 2)
          await h.insert(JOB_COST, [{ transactionNumber: 5 }, { transactionNumber: 35 }]);
      }
      expect(seen).toEqual([10, 20, 30, 35, 40]);
    });

    it('PROD-6 a table the login may not read fails with an authorization error naming the table', async () => {
      await h.load(sampleData());
      await h.deny('VN_SUBCONTRACT_MC');
      const error = await h
        .reader()
        .listSubcontracts()
        .toArray()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpectrumAuthError);
      expect((error as Error).message).toContain('VN_SUBCONTRACT_MC');
    });
  });
}

const JOB_COST: InfoLinkTableName = 'JC_TRANSACTION_HISTORY_MC';
