import type { SpectrumWriteService } from '@bridge/rules';
import {
  CHANGE_REQUEST_COST_LINES,
  CHANGE_REQUEST_REVENUE_LINES,
  CHANGE_REQUESTS,
  columnsOf,
  JOB_MASTER,
  PHASE_MASTER,
  SUBCONTRACT_LINES,
  SUBCONTRACTS,
  VENDOR_MASTER,
} from '@bridge/spectrum-client';
import type { BridgeSpectrumClient } from '../../spectrum/spectrum-client.factory.js';

/** One Spectrum write: a Put service and its wire input. */
export interface WriteToRead {
  service: string;
  input: Readonly<Record<string, string>>;
}

type Columns = Record<string, string>;

const same = (a: string | undefined, b: string | undefined) =>
  (a ?? '').trim().toUpperCase() === (b ?? '').trim().toUpperCase();

/**
 * What Spectrum holds now for each write (its readable columns as text; null: no such record), read from the
 * Info-Link tables that hold it (docs/decisions.md → Preview and verification). Every read is narrowed to the
 * written record's own key (a job, a vendor, one subcontract, one change request) and made once per key whatever
 * the number of writes, so a 500-line subcontract is two reads.
 */
export async function readBack(
  client: BridgeSpectrumClient,
  writes: readonly WriteToRead[],
): Promise<(Columns | null)[]> {
  const il = client.infoLink;
  const cache = new Map<string, Promise<Columns[]>>();
  const once = (key: string, read: () => Promise<Columns[]>) => {
    const known = cache.get(key);
    if (known) return known;
    const p = read();
    cache.set(key, p);
    return p;
  };
  const jobs = (jobNumber: string) =>
    once(`job/${jobNumber}`, async () =>
      (await il.listJobs({ jobNumber }).toArray()).map((r) => columnsOf(JOB_MASTER, r)),
    );
  const phases = (jobNumber: string) =>
    once(`phases/${jobNumber}`, async () =>
      (await il.listPhaseMaster({ jobNumber }).toArray()).map((r) => columnsOf(PHASE_MASTER, r)),
    );
  const vendors = (vendorCode: string) =>
    once(`vendor/${vendorCode}`, async () =>
      (await il.listVendorMaster({ vendorCode }).toArray()).map((r) => columnsOf(VENDOR_MASTER, r)),
    );
  const subcontracts = (vendorCode: string, subcontractNumber: string) =>
    once(`sc/${vendorCode}/${subcontractNumber}`, async () =>
      (await il.listSubcontracts({ vendorCode, subcontractNumber }).toArray()).map((r) =>
        columnsOf(SUBCONTRACTS, r),
      ),
    );
  const subcontractLines = (vendorCode: string, subcontractNumber: string) =>
    once(`scl/${vendorCode}/${subcontractNumber}`, async () =>
      (await il.listSubcontractLines({ vendorCode, subcontractNumber }).toArray()).map((r) =>
        columnsOf(SUBCONTRACT_LINES, r),
      ),
    );
  const changeRequest = (jobNumber: string, customerCode: string, changeRequestNumber: string) => {
    const f = { jobNumber, customerCode, changeRequestNumber };
    const k = `${jobNumber}/${customerCode}/${changeRequestNumber}`;
    return Promise.all([
      once(`cr/${k}`, async () =>
        (await il.listChangeRequests(f).toArray()).map((r) => columnsOf(CHANGE_REQUESTS, r)),
      ),
      once(`crl/${k}`, async () =>
        (await il.listChangeRequestLines(f).toArray()).map((r) => columnsOf(CHANGE_REQUEST_COST_LINES, r)),
      ),
      once(`crr/${k}`, async () =>
        (await il.listChangeRequestRevenueLines(f).toArray()).map((r) =>
          columnsOf(CHANGE_REQUEST_REVENUE_LINES, r),
        ),
      ),
    ]);
  };
  /** Lines already matched to an earlier write (two writes of the same phase and cost type take two lines). */
  const taken = new Set<Columns>();
  const first = (rows: readonly Columns[], match: (r: Columns) => boolean) => {
    const found = rows.find((r) => !taken.has(r) && match(r)) ?? null;
    if (found) taken.add(found);
    return found;
  };
  const out: (Columns | null)[] = [];
  for (const { service, input: i } of writes) {
    switch (service as SpectrumWriteService) {
      case 'AddJob':
        out.push((await jobs(i.Job_Number ?? ''))[0] ?? null);
        break;
      case 'AddVendor':
        out.push((await vendors(i.Vendor_Code ?? ''))[0] ?? null);
        break;
      case 'AddPhase':
      case 'JobCostProjections':
        out.push(
          (await phases(i.Job_Number ?? '')).find(
            (r) => same(r.Phase_Code, i.Phase_Code) && same(r.Cost_Type, i.Cost_Type),
          ) ?? null,
        );
        break;
      case 'UpdateSubcontract':
        out.push((await subcontracts(i.Vendor_Code ?? '', i.Subcontract_Number ?? ''))[0] ?? null);
        break;
      case 'UpdateSubcontractPhases':
        out.push(
          first(
            await subcontractLines(i.Vendor_Code ?? '', i.Subcontract_Number ?? ''),
            (r) =>
              same(r.Phase_Code, i.Phase_Code) &&
              same(r.Cost_Type, i.Cost_Type) &&
              same(r.Bid_Item_Number, i.Bid_Item_Number),
          ),
        );
        break;
      case 'ARChangeRequest': {
        const [headers, costLines, revenueLines] = await changeRequest(
          i.Job_Number ?? '',
          i.Customer_Code ?? '',
          i.Change_Request_Number ?? '',
        );
        const header = headers[0];
        if (!header) {
          out.push(null);
          break;
        }
        const line = i.CR_Billing_Item_Code?.trim()
          ? first(revenueLines, (r) => same(r.Billing_Item_Code, i.CR_Billing_Item_Code))
          : first(costLines, (r) => same(r.Phase_Code, i.CR_Phase_Code) && same(r.Cost_Type, i.CR_Cost_Type));
        // the header alone when the line is not there: its line fields are then new
        out.push(line ? { ...header, ...line } : header);
        break;
      }
      default:
        out.push(null);
    }
  }
  return out;
}
