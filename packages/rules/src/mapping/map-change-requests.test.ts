import { describe, expect, it } from 'vitest';
import {
  mapBudgetChangeToChangeRequest,
  mapCommitmentChangeOrderToChangeRequest,
  mapPrimeContractChangeOrderToChangeRequest,
  parseSubcontractKey,
} from './map-change-requests.js';
import { budgetChange, cco, commitment, company, pcco, primeContract } from './mapping-fixtures.js';
import type { ARChangeRequestPayload } from './payload-fields.js';
import { validatePayload } from './validate-payload.js';

const synced = { ...commitment, spectrumKey: 'ACMEDRY/SC-042', syncState: 'synced' as const };
const crOptions = {
  companyCode: 'ABC',
  jobNumber: '25-101',
  customerCode: 'OWNER01',
  changeRequestNumber: '042-003',
  status: 'AP',
};

function allValid(payloads: ARChangeRequestPayload[]) {
  for (const p of payloads) expect(validatePayload('ARChangeRequest', p)).toEqual({ ok: true });
}

describe('mapCommitmentChangeOrderToChangeRequest', () => {
  it('CCO-2: one call per phase + cost type, header repeated, duplicates summed, executed subcontract change order', () => {
    const payloads = mapCommitmentChangeOrderToChangeRequest(cco, synced, company, crOptions);
    expect(payloads).toHaveLength(2);
    expect(payloads[0]).toEqual({
      Company_Code: 'ABC',
      Job_Number: '25-101',
      Customer_Code: 'OWNER01',
      Change_Request_Number: '042-003',
      CR_Description: 'Add soffits at lobby ceiling and corridor bulkheads',
      CR_Status: 'AP',
      Cost_Reimbursable_Flag: '',
      Origination_Date: '06/02/2026',
      Approved_Date: '06/02/2026',
      CR_Phase_Code: '092900',
      CR_Cost_Type: 'S',
      Change_Request_Amount: '10800.50',
      Subcontractor_Code: 'ACMEDRY',
      Subcontract_Number: 'SC-042',
      Sub_Amount: '10800.50',
      Sub_Status: 'E',
      Sub_Change_Order_Number: '042-003',
      Sub_Change_Order_Date: '06/02/2026',
      Sub_Description: 'Lobby soffits',
      CR_Billing_Item_Code: '',
      CR_Billing_Item_Description: '',
      CR_Revenue: '',
    });
    expect(payloads[1]).toMatchObject({
      CR_Phase_Code: '099100',
      Change_Request_Amount: '-1250.00',
      Sub_Amount: '-1250.00',
      Sub_Description: 'Add soffits at lobby ceiling a',
    });
    expect(payloads[1]?.Sub_Description.length).toBeLessThanOrEqual(30);
    const keys = payloads.map((p) => `${p.CR_Phase_Code}/${p.CR_Cost_Type}`);
    expect(new Set(keys).size).toBe(keys.length);
    allValid(payloads);
  });

  it('CCO-2: a CCO not yet approved is sent as proposed, without change order number or approval date', () => {
    const payloads = mapCommitmentChangeOrderToChangeRequest(
      { ...cco, status: 'pending' },
      synced,
      company,
      crOptions,
    );
    expect(payloads[0]).toMatchObject({
      Sub_Status: 'P',
      Sub_Change_Order_Number: '',
      Approved_Date: '',
      Sub_Change_Order_Date: '',
    });
    allValid(payloads);
  });

  it('CCO-2: takes the subcontract from the options when given, and refuses an unlinked commitment', () => {
    const payloads = mapCommitmentChangeOrderToChangeRequest(cco, commitment, company, {
      ...crOptions,
      subcontractNumber: 'SC-099',
    });
    expect(payloads[0]).toMatchObject({ Subcontractor_Code: 'ACMEDRY', Subcontract_Number: 'SC-099' });
    expect(() => mapCommitmentChangeOrderToChangeRequest(cco, commitment, company, crOptions)).toThrow(
      /not linked/,
    );
  });

  it('parses the link key of a synced commitment', () => {
    expect(parseSubcontractKey(' ACMEDRY / SC-042 ')).toEqual({
      vendorCode: 'ACMEDRY',
      subcontractNumber: 'SC-042',
    });
    expect(parseSubcontractKey('ACMEDRY')).toBeNull();
    expect(parseSubcontractKey('/SC-1')).toBeNull();
    expect(parseSubcontractKey(null)).toBeNull();
  });
});

describe('mapPrimeContractChangeOrderToChangeRequest', () => {
  it('PCCO-2: billing lines per billing item (summed), then cost lines where the PCCO carries costs', () => {
    const payloads = mapPrimeContractChangeOrderToChangeRequest(pcco, primeContract, {
      companyCode: 'ABC',
      changeRequestNumber: 'PCO004',
      status: 'AP',
    });
    expect(
      payloads.map((p) => [
        p.CR_Billing_Item_Code,
        p.CR_Billing_Item_Description,
        p.CR_Revenue,
        p.CR_Phase_Code,
        p.CR_Cost_Type,
        p.Change_Request_Amount,
      ]),
    ).toEqual([
      ['100', 'Lobby finishes upgrade (owner', '17500.00', '', '', ''],
      ['200', 'Owner requested lobby upgrades', '999.99', '', '', ''],
      ['', '', '', '092900', 'S', '12000.00'],
      ['', '', '', '013100', 'L', '500.00'],
    ]);
    for (const p of payloads) {
      expect(p).toMatchObject({
        Job_Number: '25-101',
        Customer_Code: 'OWNER01',
        Change_Request_Number: 'PCO004',
        Cost_Reimbursable_Flag: 'N',
        Approved_Date: '06/10/2026',
        Subcontract_Number: '',
      });
    }
    allValid(payloads);
  });

  it('PCCO-2: no approval date before approval; cost reimbursable when told', () => {
    const payloads = mapPrimeContractChangeOrderToChangeRequest(
      { ...pcco, status: 'pending', lines: [{ billingItemCode: '300', amount: 100 }] },
      primeContract,
      { companyCode: 'ABC', changeRequestNumber: 'PCO005', status: 'PE', costReimbursable: true },
    );
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).toMatchObject({ Approved_Date: '', Cost_Reimbursable_Flag: 'Y', CR_Revenue: '1.00' });
    allValid(payloads);
  });
});

describe('mapBudgetChangeToChangeRequest', () => {
  it('BCH-1: one cost line per phase + cost type, summed', () => {
    const payloads = mapBudgetChangeToChangeRequest(budgetChange, {
      ...crOptions,
      changeRequestNumber: 'BC2',
    });
    expect(payloads.map((p) => [p.CR_Phase_Code, p.CR_Cost_Type, p.Change_Request_Amount])).toEqual([
      ['092900', 'S', '5010.00'],
      ['019000', 'O', '-5000.00'],
    ]);
    expect(payloads[0]).toMatchObject({
      CR_Description: 'Transfer contingency to drywall',
      Origination_Date: '07/01/2026',
      Approved_Date: '',
    });
    allValid(payloads);
    const approved = mapBudgetChangeToChangeRequest(budgetChange, {
      ...crOptions,
      changeRequestNumber: 'BC2',
      approved: true,
    });
    expect(approved[0]?.Approved_Date).toBe('07/01/2026');
  });
});
