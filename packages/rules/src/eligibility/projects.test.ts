import { describe, expect, it } from 'vitest';
import { codesOf, reasonsOf } from '../core/result.js';
import { integration, project } from '../test-support/fixtures.js';
import { checkJobImport, checkJobLink, checkProjectExport } from './projects.js';

describe('project export eligibility', () => {
  it('JOB-2: a project created after connecting, on the Spectrum list, with cost types and a short name passes', () => {
    expect(checkProjectExport(project(), integration())).toEqual({ ok: true });
  });

  it('JOB-2: refuses projects created before the integration was connected', () => {
    const c = checkProjectExport(project({ createdAt: '2025-12-31T23:59:59.000Z' }), integration());
    expect(codesOf(c)).toEqual(['project-created-before-integration']);
    expect(reasonsOf(c)[0]).toMatchObject({ rule: 'JOB-2', field: 'createdAt' });
    expect(codesOf(checkProjectExport(project(), integration({ connectedAt: null })))).toEqual([
      'integration-not-connected',
    ]);
  });

  it('JOB-2: refuses a project on another cost code list, codes without cost types and names over 25 characters — all at once', () => {
    const p = project({
      name: 'Riverside Medical Office Building',
      costCodeListId: 'list-other',
      costCodes: [
        { code: '01-3100', description: 'PM', costTypes: [], syncedWithSpectrum: false },
        { code: '03-3000', description: 'Concrete', costTypes: [], syncedWithSpectrum: false },
      ],
    });
    const c = checkProjectExport(p, integration());
    expect(codesOf(c)).toEqual([
      'project-not-using-spectrum-cost-codes',
      'cost-code-without-cost-type',
      'cost-code-without-cost-type',
      'project-name-too-long',
    ]);
    expect(reasonsOf(c).map((r) => r.field)).toContain('costCodes[1].costTypes');
    expect(codesOf(checkProjectExport(project({ name: '  ' }), integration()))).toEqual([
      'project-name-required',
    ]);
    expect(codesOf(checkProjectExport(project(), integration({ standardCostCodeListId: null })))).toEqual([
      'project-not-using-spectrum-cost-codes',
    ]);
  });

  it('JOB-2: a name of exactly 25 characters is allowed', () => {
    expect(checkProjectExport(project({ name: 'x'.repeat(25) }), integration()).ok).toBe(true);
  });

  it('JOB-3: refuses the export when no template job is configured', () => {
    const c = checkProjectExport(project(), integration({ templateJob: null }));
    expect(reasonsOf(c)).toEqual([expect.objectContaining({ code: 'template-job-missing', rule: 'JOB-3' })]);
  });

  it('JOB-4: a project already linked to a job cannot create another one', () => {
    expect(codesOf(checkProjectExport(project({ jobNumber: '24-101' }), integration()))).toEqual([
      'project-already-linked',
    ]);
  });

  it('LIM-3 / APP-1: sub jobs and items already in the export queue are refused', () => {
    expect(codesOf(checkProjectExport(project({ isSubJob: true }), integration()))).toEqual([
      'sub-job-not-supported',
    ]);
    expect(codesOf(checkProjectExport(project({ syncState: 'ready_to_export' }), integration()))).toEqual([
      'already-awaiting-approval',
    ]);
    expect(codesOf(checkProjectExport(project({ syncState: 'exporting' }), integration()))).toEqual([
      'export-in-progress',
    ]);
  });
});

describe('job import and linking', () => {
  it('JOB-1: an unlinked job or master job can be imported', () => {
    expect(checkJobImport({ jobNumber: '24-101', linkedProjectId: null }).ok).toBe(true);
    expect(checkJobImport({ jobNumber: '24-100', masterJob: '', linkedProjectId: null }).ok).toBe(true);
  });

  it('JOB-3: the template job of the settings is not offered as a project, and says why', () => {
    const c = checkJobImport({ jobNumber: '99-TPL', linkedProjectId: null, templateJobNumber: '99-TPL' });
    expect(reasonsOf(c)).toEqual([expect.objectContaining({ code: 'template-job', rule: 'JOB-3' })]);
    expect(
      checkJobImport({ jobNumber: '24-101', linkedProjectId: null, templateJobNumber: '99-TPL' }).ok,
    ).toBe(true);
    expect(checkJobImport({ jobNumber: '99-TPL', linkedProjectId: null, templateJobNumber: null }).ok).toBe(
      true,
    );
  });

  it('LIM-3: sub jobs are refused with the reason', () => {
    const c = checkJobImport({ jobNumber: '24-101E1', masterJob: '24-101', linkedProjectId: null });
    expect(reasonsOf(c)).toEqual([expect.objectContaining({ code: 'sub-job-not-supported', rule: 'LIM-3' })]);
    expect(reasonsOf(c)[0]?.message).toContain('24-101');
  });

  it('JOB-4: one job links to at most one project and vice versa', () => {
    expect(codesOf(checkJobImport({ jobNumber: '24-101', linkedProjectId: 'p9' }))).toEqual([
      'job-already-linked',
    ]);
    const job = { jobNumber: '24-101', linkedProjectId: 'p9' };
    expect(codesOf(checkJobLink(job, { id: 'p1', jobNumber: '24-200' }))).toEqual([
      'job-already-linked',
      'project-already-linked',
    ]);
    expect(checkJobLink(job, { id: 'p9', jobNumber: '24-101' }).ok).toBe(true);
    expect(
      checkJobLink({ jobNumber: '24-101', linkedProjectId: null }, { id: 'p1', jobNumber: null }).ok,
    ).toBe(true);
  });
});

describe('checkJobImport: Complete jobs', () => {
  it('JOB-5: a Complete job is refused with the reason and what would make it importable', () => {
    const check = checkJobImport({ jobNumber: '23-087', linkedProjectId: null, statusCode: 'C' });
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.reasons).toEqual([
      expect.objectContaining({
        code: 'job-complete',
        rule: 'JOB-5',
        message: expect.stringContaining('set it back to Active or Inactive in Spectrum'),
      }),
    ]);
    expect(checkJobImport({ jobNumber: '24-101', linkedProjectId: null, statusCode: 'I' }).ok).toBe(true);
  });
});
