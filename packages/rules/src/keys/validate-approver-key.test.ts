import { describe, expect, it } from 'vitest';
import { codesOf } from '../core/result.js';
import { validateApproverKey } from './validate-approver-key.js';

describe('validateApproverKey', () => {
  it('COM-2: accepts an edited, free, valid subcontract number', () => {
    expect(
      validateApproverKey({ value: ' SC-042 ', kind: 'subcontract', taken: new Set(['SC-041']) }),
    ).toEqual({ ok: true });
  });

  it('COM-2: reports spectrum-key-taken case-insensitively, with the rule and field', () => {
    const check = validateApproverKey({ value: 'SC-042', kind: 'subcontract', taken: new Set([' sc-042']) });
    expect(check).toEqual({
      ok: false,
      reasons: [expect.objectContaining({ code: 'spectrum-key-taken', rule: 'COM-2', field: 'spectrumId' })],
    });
  });

  it('COM-2: reports every format problem at once', () => {
    expect(
      codesOf(validateApproverKey({ value: 'sc 0042 long', kind: 'subcontract', taken: new Set() })),
    ).toEqual(['subcontract-number-too-long', 'subcontract-number-invalid-characters']);
    expect(codesOf(validateApproverKey({ value: '  ', kind: 'subcontract', taken: new Set(['']) }))).toEqual([
      'subcontract-number-required',
    ]);
  });

  it("CCO-2: checks change request numbers against 8 characters and the job's taken numbers", () => {
    const check = validateApproverKey({
      value: 'CR-000001',
      kind: 'change_request',
      taken: new Set(['CR-000001']),
    });
    expect(codesOf(check)).toEqual(['change-request-number-too-long', 'spectrum-key-taken']);
    expect(check.ok ? [] : check.reasons.map((r) => r.rule)).toEqual(['CCO-2', 'CCO-2']);
  });

  it('PCCO-2: carries the rule the caller names', () => {
    const check = validateApproverKey({
      value: 'PCO1',
      kind: 'change_request',
      taken: new Set(['pco1']),
      rule: 'PCCO-2',
    });
    expect(check.ok ? [] : check.reasons.map((r) => `${r.rule}:${r.code}:${r.field}`)).toEqual([
      'PCCO-2:spectrum-key-taken:changeRequestId',
    ]);
  });
});
