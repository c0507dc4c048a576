import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import { useProjects } from '../../api/hooks';
import { reconciliationCsvUrl, useReconciliation } from '../../api/pm';
import type { JobReconciliation, ReconciledRow, ReconciliationSection } from '../../api/types';
import { formatCents } from '../../components/money';
import { QueryView } from '../../components/QueryView';
import { reconciliationRoute } from '../../router';
import { VerificationRuns } from './VerificationRuns';

const STATUS: Record<ReconciledRow['status'], string> = {
  matched: 'Matched',
  different: 'Different',
  only_pm: 'Only in PM',
  only_spectrum: 'Only in Spectrum',
};

const FIELDS: Record<string, string> = {
  estimateCents: 'Estimate',
  amountCents: 'Amount',
  originalContractCents: 'Contract amount',
  costCents: 'Cost',
  revenueCents: 'Revenue',
};

const SECTIONS: {
  name: 'budget' | 'commitments' | 'commitmentLines' | 'primeContracts' | 'changeRequests';
  title: string;
  amount: string;
}[] = [
  { name: 'budget', title: 'Budget against Spectrum estimates', amount: 'estimateCents' },
  { name: 'commitments', title: 'Commitments against subcontracts', amount: 'amountCents' },
  { name: 'commitmentLines', title: 'Commitment lines against subcontract lines', amount: 'amountCents' },
  { name: 'primeContracts', title: 'Prime contract and billing items', amount: 'originalContractCents' },
  {
    name: 'changeRequests',
    title: 'Change orders and budget changes against change requests (cost)',
    amount: 'costCents',
  },
];

const money = (v: unknown) => (typeof v === 'number' ? formatCents(v) : '');
const shown = (field: string, v: unknown) =>
  v === null || v === undefined ? 'none' : field.endsWith('Cents') ? money(v) : String(v);

/** REC-1, REC-2: a linked project beside its Spectrum job, section by section, with what differs and the totals. */
export function ReconciliationPage() {
  const { projectId } = reconciliationRoute.useSearch();
  const navigate = useNavigate();
  const projects = useProjects('synced', undefined, undefined);
  const [choice, setChoice] = useState(projectId ?? '');
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const report = useReconciliation(projectId);
  return (
    <>
      <h1>Reconciliation with Spectrum</h1>
      <p>
        Each row sets a record of the project beside what Spectrum holds now. Amounts must be equal to match;
        Spectrum is read when you reconcile, and nothing is written on either side.
      </p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) navigate({ to: '/reconciliation', search: { projectId: choice } });
        }}
      >
        <div className="field">
          <label htmlFor="rec-project">Project (linked to a Spectrum job)</label>
          <select id="rec-project" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose a project</option>
            {projects.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.spectrumKey ? `${p.spectrumKey} ` : ''}
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" data-variant="primary" isDisabled={!choice}>
          Reconcile
        </Button>
        {projectId && (
          <a href={reconciliationCsvUrl(projectId)} download>
            Download as CSV
          </a>
        )}
      </form>
      {projectId && (
        <QueryView query={report} what="the reconciliation">
          {(r) => {
            const job = r.jobs[0] as JobReconciliation;
            return (
              <>
                <p role="status">
                  Job {job.jobNumber}:{' '}
                  {job.status === 'matched'
                    ? 'everything matches Spectrum.'
                    : 'some records differ from Spectrum or exist on one side only.'}{' '}
                  Read {new Date(r.generatedAt).toLocaleString()}.
                </p>
                <Checkbox isSelected={onlyDifferences} onChange={setOnlyDifferences}>
                  Show only rows that do not match
                </Checkbox>
                {SECTIONS.map((s) => (
                  <SectionTable key={s.name} {...s} section={job[s.name]} onlyDifferences={onlyDifferences} />
                ))}
              </>
            );
          }}
        </QueryView>
      )}
      <VerificationRuns />
    </>
  );
}

function SectionTable({
  name,
  title,
  amount,
  section,
  onlyDifferences,
}: {
  name: string;
  title: string;
  amount: string;
  section: ReconciliationSection;
  onlyDifferences: boolean;
}) {
  const rows = onlyDifferences ? section.rows.filter((r) => r.status !== 'matched') : section.rows;
  const c = section.totals.counts;
  return (
    <section aria-labelledby={`rec-${name}`}>
      <h2 id={`rec-${name}`}>{title}</h2>
      <p className="muted">
        {c.matched} matched, {c.different} different, {c.only_pm} only in PM, {c.only_spectrum} only in
        Spectrum
      </p>
      {rows.length === 0 ? (
        <p className="muted">Nothing to show.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                PM
              </th>
              <th scope="col" className="num">
                Spectrum
              </th>
              <th scope="col">What differs</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.key}</th>
                <td>
                  <span className="badge" data-state={r.status}>
                    {STATUS[r.status]}
                  </span>
                </td>
                <td className="num">{money(r.pm?.[amount])}</td>
                <td className="num">{money(r.spectrum?.[amount])}</td>
                <td>
                  {r.differences
                    .map(
                      (d) =>
                        `${FIELDS[d.field] ?? d.field}: PM ${shown(d.field, d.pm)}, Spectrum ${shown(d.field, d.spectrum)}`,
                    )
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td className="num">{formatCents(section.totals.pmCents)}</td>
              <td className="num">{formatCents(section.totals.spectrumCents)}</td>
              <td>Difference {formatCents(section.totals.differenceCents)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
