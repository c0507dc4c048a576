import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { ApiError } from '../../api/client';
import {
  type CommitmentInput,
  useCommitment,
  useCompanies,
  useProjectCostCodes,
  useProjects,
  useSaveCommitment,
} from '../../api/hooks';
import type { Commitment } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { SyncCard } from '../../components/SendToErp';
import {
  amountErrorsOf,
  draftsOf,
  type LineDraft,
  linesToSend,
  SovLinesEditor,
} from '../../components/SovLinesEditor';
import { TextInputField } from '../../components/TextInputField';
import { ChangeOrdersSection } from './ChangeOrders';

const STATUSES = ['draft', 'out_for_signature', 'approved', 'complete', 'terminated', 'void'];

/** Create or change a commitment (subcontract or purchase order) with its schedule of values, then send it. */
export function CommitmentEditor({ id }: { id?: string }) {
  const existing = useCommitment(id);
  if (!id) return <CommitmentForm />;
  return (
    <QueryView query={existing} what="the commitment">
      {(c) => <CommitmentForm commitment={c} />}
    </QueryView>
  );
}

const formOf = (c: Commitment | undefined) => ({
  projectId: c?.projectId ?? '',
  companyId: c?.companyId ?? '',
  kind: c?.kind ?? ('subcontract' as CommitmentInput['kind']),
  number: c?.number ?? '',
  title: c?.title ?? '',
  status: c?.status ?? 'approved',
  contractDate: c?.contractDate ?? '',
});

/** The editor's form, filled from the stored commitment (shown only once it is loaded) or empty for a new one. */
function CommitmentForm({ commitment }: { commitment?: Commitment }) {
  const id = commitment?.id;
  const projects = useProjects(undefined, undefined, undefined);
  const companies = useCompanies(undefined, undefined, undefined);
  const save = useSaveCommitment(id);
  const navigate = useNavigate();
  const [form, setForm] = useState(() => formOf(commitment));
  const [lines, setLines] = useState<LineDraft[]>(() => draftsOf(commitment?.lines ?? []));
  const [loadedFrom, setLoadedFrom] = useState(commitment?.updatedAt);
  const costCodes = useProjectCostCodes(form.projectId || undefined);

  // a save (or another person's change read back) refills the form from what the service stored
  useEffect(() => {
    if (!commitment || loadedFrom === commitment.updatedAt) return;
    setLoadedFrom(commitment.updatedAt);
    setForm(formOf(commitment));
    setLines(draftsOf(commitment.lines));
  }, [commitment, loadedFrom]);

  const problem = save.error instanceof ApiError ? save.error : null;
  const errorsFor = (field: string) => problem?.forField(field) ?? [];
  const validationErrors = problem?.byField() ?? {};
  const amountErrors = amountErrorsOf(lines);
  const saved = commitment;
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <>
      <p>
        <Link to="/items/$type" params={{ type: 'commitment' }} search={{}}>
          ← Commitments
        </Link>
      </p>
      <h1>{commitment ? `Commitment ${commitment.number}` : 'New commitment'}</h1>
      {saved && <SyncCard item={saved} what="The commitment" />}
      <Form
        validationErrors={validationErrors}
        onSubmit={(e) => {
          e.preventDefault();
          if (amountErrors.some(Boolean)) return;
          const input: CommitmentInput = {
            ...form,
            contractDate: form.contractDate || null,
            lines: linesToSend(lines),
          };
          save.mutate(input, {
            onSuccess: (c: Commitment) => {
              if (!id) navigate({ to: '/commitments/$id', params: { id: c.id } });
            },
          });
        }}
      >
        <div className="grid-2">
          <div className="field">
            <label htmlFor="c-project">Project</label>
            <select
              id="c-project"
              required
              disabled={Boolean(id)}
              value={form.projectId}
              onChange={(e) => set('projectId')(e.target.value)}
              aria-invalid={errorsFor('projectId').length > 0 || undefined}
              aria-describedby="c-project-err"
            >
              <option value="">Choose a project</option>
              {projects.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.number ? `${p.number} ` : ''}
                  {p.name}
                </option>
              ))}
            </select>
            <span id="c-project-err" className="field-error">
              {errorsFor('projectId').join(' ')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="c-company">Contract company</label>
            <select
              id="c-company"
              required
              value={form.companyId}
              onChange={(e) => set('companyId')(e.target.value)}
              aria-invalid={errorsFor('companyId').length > 0 || undefined}
              aria-describedby="c-company-err"
            >
              <option value="">Choose a company</option>
              {companies.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.spectrumKey ? ` (${c.spectrumKey})` : ' (not linked to a Spectrum vendor)'}
                </option>
              ))}
            </select>
            <span id="c-company-err" className="field-error">
              {errorsFor('companyId').join(' ')}
            </span>
          </div>
          <div className="field">
            <label htmlFor="c-kind">Kind</label>
            <select id="c-kind" value={form.kind} onChange={(e) => set('kind')(e.target.value)}>
              <option value="subcontract">Subcontract</option>
              <option value="purchase_order">Purchase order</option>
            </select>
          </div>
          <TextInputField
            label="Number"
            name="number"
            isRequired
            value={form.number}
            onChange={set('number')}
          />
          <TextInputField label="Title" name="title" isRequired value={form.title} onChange={set('title')} />
          <div className="field">
            <label htmlFor="c-status">Status</label>
            <select id="c-status" value={form.status} onChange={(e) => set('status')(e.target.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </div>
          <TextInputField
            label="Contract date"
            name="contractDate"
            type="date"
            value={form.contractDate}
            onChange={set('contractDate')}
          />
        </div>
        <h2>Schedule of values</h2>
        <SovLinesEditor
          caption="Schedule of values lines"
          lines={lines}
          onChange={setLines}
          costCodes={costCodes.data?.items}
        />
        <div className="toolbar">
          <Button type="submit" data-variant="primary" isDisabled={save.isPending}>
            {id ? 'Save changes' : 'Create commitment'}
          </Button>
        </div>
        {save.isSuccess && <p role="status">Saved.</p>}
        <ProblemAlert error={save.error} heading="The commitment was not saved" />
      </Form>
      {commitment && <ChangeOrdersSection commitment={commitment} />}
    </>
  );
}
