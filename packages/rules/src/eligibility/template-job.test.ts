import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import type { TemplateJob } from '../domain/types.js';
import {
  checkTemplateJobInSpectrum,
  customerExistsReason,
  type SpectrumTemplateJob,
} from './template-job.js';

const typed: TemplateJob = {
  jobNumber: '99-TPL',
  division: '1',
  costCenter: 'NOR',
  customerCode: 'C100',
  taxable: false,
  priceMethodCode: 'F',
};
const spectrum: SpectrumTemplateJob = { ...typed, jobNumber: '99-TPL ', customerCode: 'c100 ' };

describe('checkTemplateJobInSpectrum', () => {
  it('GEN-6: the template job as Spectrum has it passes (case and blanks aside)', () => {
    expect(checkTemplateJobInSpectrum(typed, spectrum, true)).toEqual({ ok: true });
    expect(checkTemplateJobInSpectrum(typed, spectrum, null)).toEqual({ ok: true });
  });

  it('GEN-6: a job Spectrum does not have is refused on the job number alone', () => {
    const check = checkTemplateJobInSpectrum({ ...typed, jobNumber: 'NOPE' }, null, false);
    expect(reasonsOf(check)).toEqual([
      expect.objectContaining({
        code: 'template-job-not-in-spectrum',
        rule: 'GEN-6',
        field: 'templateJob.jobNumber',
        message: expect.stringContaining('Spectrum has no job NOPE'),
      }),
    ]);
  });

  it("GEN-6: every value that differs from Spectrum's template job is named with Spectrum's value", () => {
    const check = checkTemplateJobInSpectrum(
      { ...typed, division: '2', costCenter: '', customerCode: 'C200', taxable: true, priceMethodCode: 'T' },
      spectrum,
      true,
    );
    expect(reasonsOf(check).map((r) => r.field)).toEqual([
      'templateJob.division',
      'templateJob.costCenter',
      'templateJob.customerCode',
      'templateJob.taxable',
      'templateJob.priceMethodCode',
    ]);
    expect(reasonsOf(check)[0]?.message).toContain('has division 1, not 2');
    expect(reasonsOf(check)[1]?.message).toContain('has cost center NOR, not none');
    expect(reasonsOf(check)[3]?.message).toContain('is not taxable');
    expect(
      reasonsOf(checkTemplateJobInSpectrum(typed, { ...spectrum, taxable: true }, true))[0]?.message,
    ).toContain('is taxable');
  });

  it('GEN-6: a customer Spectrum does not have (OWNER1) is named as such on the customer field', () => {
    const check = checkTemplateJobInSpectrum(
      { ...typed, customerCode: 'OWNER1' },
      { ...spectrum, customerCode: 'OWNER1' },
      false,
    );
    expect(codesOf(check)).toEqual(['customer-not-in-spectrum']);
    expect(reasonsOf(check)[0]).toMatchObject({ field: 'templateJob.customerCode', rule: 'GEN-6' });
  });
});

describe('customerExistsReason', () => {
  it('PRE-3: only a customer known not to exist is a reason; the template job reason says what to change', () => {
    expect(customerExistsReason(null, 'x')).toBeNull();
    expect(customerExistsReason({ code: ' ', exists: false }, 'x')).toBeNull();
    expect(customerExistsReason({ code: 'C1', exists: null }, 'x')).toBeNull();
    expect(customerExistsReason({ code: 'C1', exists: true }, 'x')).toBeNull();
    expect(customerExistsReason({ code: 'C1', exists: false }, "the template job's customer")).toMatchObject({
      code: 'template-customer-not-in-spectrum',
      rule: 'PRE-3',
      message: expect.stringContaining('name another template job'),
    });
    const pc = customerExistsReason({ code: 'C1', exists: false }, "the prime contract's customer");
    expect(pc?.code).toBe('customer-not-in-spectrum');
    expect(pc?.message).not.toContain('template');
  });
});
