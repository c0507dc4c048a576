import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import type { SovLine } from '../domain/types.js';
import { cco, commitment, company, SPECTRUM_CODES } from '../test-support/fixtures.js';
import {
  checkCommitmentChangeOrderDelete,
  checkCommitmentChangeOrderExport,
  checkCommitmentDelete,
  checkCommitmentEdit,
  checkCommitmentExport,
  spectrumCommitmentKind,
  withoutTaxCodes,
} from './commitments.js';

/** The commitment's project is linked to job 24-101; its phases were never read (PRE-1 facts not known). */
const LINKED = { jobNumber: '24-101' };

describe('commitment export', () => {
  it('COM-1: a linked, approved commitment whose lines share one cost type on Spectrum codes passes', () => {
    expect(checkCommitmentExport(commitment(), company(), SPECTRUM_CODES, LINKED)).toEqual({ ok: true });
    expect(
      checkCommitmentExport(commitment({ status: 'complete' }), company(), SPECTRUM_CODES, LINKED).ok,
    ).toBe(true);
  });

  it('COM-1 / VEN-4: returns every reason at once, never just the first', () => {
    const c = checkCommitmentExport(
      commitment({
        status: 'draft',
        lines: [
          { costCode: '01-3100', costType: 'S', amount: 100 },
          { costCode: '99-0000', costType: 'M', amount: 100 },
          { costCode: '03-3000', costType: ' ', amount: 100 },
        ],
      }),
      company({ vendorCode: null }),
      SPECTRUM_CODES,
      LINKED,
    );
    expect(codesOf(c)).toEqual([
      'vendor-not-linked',
      'commitment-not-approved',
      'sov-cost-code-not-in-spectrum-list',
      'sov-cost-type-missing',
      'sov-mixed-cost-types',
    ]);
    expect(reasonsOf(c)[0]).toMatchObject({ rule: 'VEN-4', field: 'companyId' });
    expect(reasonsOf(c)[2]).toMatchObject({ rule: 'COM-1', field: 'lines[1].costCode' });
  });

  it('COM-1: an empty schedule of values and a missing number are refused', () => {
    expect(
      codesOf(
        checkCommitmentExport(commitment({ lines: [], number: ' ' }), company(), SPECTRUM_CODES, LINKED),
      ),
    ).toEqual(['commitment-number-required', 'sov-empty']);
  });

  it('COM-1: any commitment whose lines share one cost type and use Spectrum codes passes the line checks (property)', () => {
    const code = fc.constantFrom('01-3100', '013100', '03-3000', '092900', '09 2900');
    fc.assert(
      fc.property(
        fc.constantFrom('L', 'M', 'S', 'SUB'),
        fc.array(fc.record({ costCode: code, amount: fc.integer({ min: -1e9, max: 1e9 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        (costType, lines) => {
          const sov: SovLine[] = lines.map((l) => ({ ...l, costType }));
          expect(
            checkCommitmentExport(commitment({ lines: sov }), company(), SPECTRUM_CODES, LINKED).ok,
          ).toBe(true);
        },
      ),
    );
  });

  it('COM-2 / APP-1: a commitment already waiting for approval or exporting cannot be sent again', () => {
    expect(
      codesOf(
        checkCommitmentExport(
          commitment({ syncState: 'ready_to_export' }),
          company(),
          SPECTRUM_CODES,
          LINKED,
        ),
      ),
    ).toEqual(['already-awaiting-approval']);
    expect(
      codesOf(checkCommitmentExport(commitment({ syncState: 'synced' }), company(), SPECTRUM_CODES, LINKED)),
    ).toEqual(['commitment-already-synced']);
  });

  it('COM-4: after sync, company, status and SOV are read-only; other fields stay editable', () => {
    const synced = { syncState: 'synced' as const };
    const c = checkCommitmentEdit(synced, ['companyId', 'status', 'lines', 'title']);
    expect(reasonsOf(c).map((r) => [r.code, r.rule, r.field])).toEqual([
      ['commitment-synced-read-only', 'COM-4', 'companyId'],
      ['commitment-synced-read-only', 'COM-4', 'status'],
      ['commitment-synced-read-only', 'COM-4', 'lines'],
    ]);
    expect(checkCommitmentEdit(synced, ['title', 'description']).ok).toBe(true);
    expect(checkCommitmentEdit({ syncState: null }, ['lines']).ok).toBe(true);
    expect(codesOf(checkCommitmentEdit({ syncState: 'ready_to_export' }, ['title']))).toEqual([
      'commitment-awaiting-export',
    ]);
  });

  it('COM-5: a synced commitment is deleted only after unlinking', () => {
    expect(reasonsOf(checkCommitmentDelete({ syncState: 'synced', spectrumKey: 'ACMEDRY/SC-0001' }))).toEqual(
      [expect.objectContaining({ code: 'commitment-linked', rule: 'COM-5' })],
    );
    expect(checkCommitmentDelete({ syncState: 'unlinked', spectrumKey: null }).ok).toBe(true);
    expect(codesOf(checkCommitmentDelete({ syncState: 'exporting', spectrumKey: null }))).toEqual([
      'commitment-awaiting-export',
    ]);
  });

  it('COM-6 / LIM-8: tax codes are stripped from lines before anything is sent', () => {
    expect(withoutTaxCodes([{ costCode: '01-3100', costType: 'S', amount: 5, taxCode: 'TX1' }])).toEqual([
      { costCode: '01-3100', costType: 'S', amount: 5 },
    ]);
  });

  it('LIM-4: purchase orders export as Spectrum subcontracts', () => {
    expect(spectrumCommitmentKind('purchase_order')).toBe('subcontract');
    expect(
      checkCommitmentExport(commitment({ kind: 'purchase_order' }), company(), SPECTRUM_CODES, LINKED).ok,
    ).toBe(true);
  });
});

describe('commitment change orders', () => {
  const synced = { syncState: 'synced' as const, spectrumKey: 'ACMEDRY/SC-0001' };

  it('CCO-1: a linked, approved CCO with one cost type on Spectrum codes passes', () => {
    expect(checkCommitmentChangeOrderExport(cco(), synced, company(), SPECTRUM_CODES, LINKED)).toEqual({
      ok: true,
    });
  });

  it('CCO-1: all reasons at once (vendor link, status, SOV)', () => {
    const c = checkCommitmentChangeOrderExport(
      cco({ status: 'pending', lines: [] }),
      synced,
      company({ vendorCode: null }),
      SPECTRUM_CODES,
      LINKED,
    );
    expect(codesOf(c)).toEqual(['vendor-not-linked', 'change-order-not-approved', 'sov-empty']);
  });

  it('CCO-2: the commitment must already be a Spectrum subcontract', () => {
    expect(
      reasonsOf(
        checkCommitmentChangeOrderExport(
          cco(),
          { syncState: null, spectrumKey: null },
          company(),
          SPECTRUM_CODES,
          LINKED,
        ),
      ),
    ).toEqual([expect.objectContaining({ code: 'commitment-not-synced', rule: 'CCO-2' })]);
    expect(
      codesOf(
        checkCommitmentChangeOrderExport(
          cco({ syncState: 'synced' }),
          synced,
          company(),
          SPECTRUM_CODES,
          LINKED,
        ),
      ),
    ).toEqual(['change-order-already-synced']);
  });

  it('CCO-3: approved CCOs cannot be deleted; synced ones must be unlinked first', () => {
    expect(
      codesOf(
        checkCommitmentChangeOrderDelete({ status: 'approved', spectrumKey: 'CR1', syncState: 'synced' }),
      ),
    ).toEqual(['change-order-approved', 'change-order-linked']);
    expect(
      checkCommitmentChangeOrderDelete({ status: 'void', spectrumKey: null, syncState: 'unlinked' }).ok,
    ).toBe(true);
    expect(
      codesOf(
        checkCommitmentChangeOrderDelete({ status: 'draft', spectrumKey: null, syncState: 'exporting' }),
      ),
    ).toEqual(['change-order-awaiting-export']);
  });
});
