import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { ApiError } from '../../api/client';
import {
  type CommitmentInput,
  useCommitment,
  useCompanies,
  useProjectCostCodes,
  useProjects,
  useSaveCommitment,
  useSendToErp,
} from '../../api/hooks';
import type { Commitment } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { formatCents, parseCents } from '../../components/money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SovHead } from '../../components/SovHead';
import { StateBadge } from '../../components/StateBadge';

interface LineDraft {
  key: number;
  costCode: string;
  costType: string;
  description: string;
  amount: string;
}

const STATUSES = ['draft', 'out_for_signature', 'approved', 'complete', 'terminated', 'void'];
let nextKey = 1;
const emptyLine = (): LineDraft => ({
  key: nextKey++,
  costCode: '',
  costType: '',
  description: '',
  amount: '',
});

/** Create or change a commitment (subcontract or purchase order) with its schedule of values, then send it. */
export function CommitmentEditor({ id }: { id?: string }) {
  const existing = useCommitment(id);
  const projects = useProjects(undefined, undefined, undefined);
  const companies = useCompanies(undefined, undefined, undefined);
  const save = useSaveCommitment(id);
  const send = useSendToErp();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    projectId: '',
    companyId: '',
    kind: 'subcontract' as CommitmentInput['kind'],
    number: '',
    title: '',
    status: 'approved',
    contractDate: '',
  });
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);
  const costCodes = useProjectCostCodes(form.projectId || undefined);
  const listId = useId();

  useEffect(() => {
    const c = existing.data;
    if (!c || loadedFrom === c.updatedAt) return;
    setLoadedFrom(c.updatedAt);
    setForm({
      projectId: c.projectId,
      companyId: c.companyId,
      kind: c.kind,
      number: c.number,
      title: c.title,
      status: c.status,
      contractDate: c.contractDate ?? '',
    });
    setLines(
      c.lines.length
        ? c.lines.map((l) => ({
            key: nextKey++,
            costCode: l.costCode,
            costType: l.costType,
            description: l.description ?? '',
            amount: (l.amountCents / 100).toFixed(2),
          }))
        : [emptyLine()],
    );
  }, [existing.data, loadedFrom]);

  const problem = save.error instanceof ApiError ? save.error : null;
  const errorsFor = (field: string) => problem?.forField(field) ?? [];
  const validationErrors = problem?.byField() ?? {};
  const amountErrors = lines.map((l) =>
    l.amount && parseCents(l.amount) === null ? 'Enter an amount like 1250.00' : null,
  );
  const totalCents = lines.reduce((s, l) => s + (parseCents(l.amount) ?? 0), 0);
  const saved = save.data ?? existing.data;
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const setLine = (key: number, k: keyof Omit<LineDraft, 'key'>) => (v: string) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, [k]: v } : l)));

  return (
    <>
      <p>
        <Link to="/items/$type" params={{ type: 'commitment' }} search={{}}>
          ← Commitments
        </Link>
      </p>
      <h1>{id ? `Commitment ${existing.data?.number ?? ''}` : 'New commitment'}</h1>
      {saved && (
        <div className="card">
          <p>
            Sync state: <StateBadge state={saved.state} />{' '}
            {saved.spectrumKey && <>Spectrum key {saved.spectrumKey}</>}
          </p>
          {saved.lastError && <p className="error-text">{saved.lastError}</p>}
          <ActionButton
            action="sendToErp"
            label="Send to ERP"
            variant="primary"
            blockedBy={saved.blockedBy}
            isPending={send.isPending}
            onPress={() => send.mutate({ type: 'commitment', id: saved.id })}
          />
          <ProblemAlert error={send.error} heading="The commitment was not sent" />
          {send.isSuccess && (
            <p role="status">Sent: it waits for an accounting approver as Ready to Export.</p>
          )}
        </div>
      )}
      <Form
        validationErrors={validationErrors}
        onSubmit={(e) => {
          e.preventDefault();
          if (amountErrors.some(Boolean)) return;
          const input: CommitmentInput = {
            ...form,
            contractDate: form.contractDate || null,
            lines: lines
              .filter((l) => l.costCode || l.costType || l.amount)
              .map((l) => ({
                costCode: l.costCode.trim(),
                costType: l.costType.trim(),
                description: l.description.trim() || null,
                amountCents: parseCents(l.amount) ?? 0,
              })),
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
          <TextField name="number" isRequired value={form.number} onChange={set('number')} className="field">
            <Label>Number</Label>
            <Input />
            <FieldError />
          </TextField>
          <TextField name="title" isRequired value={form.title} onChange={set('title')} className="field">
            <Label>Title</Label>
            <Input />
            <FieldError />
          </TextField>
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
          <TextField
            name="contractDate"
            type="date"
            value={form.contractDate}
            onChange={set('contractDate')}
            className="field"
          >
            <Label>Contract date</Label>
            <Input />
            <FieldError />
          </TextField>
        </div>
        <h2>Schedule of values</h2>
        <datalist id={listId}>
          {costCodes.data?.items.map((c) => (
            <option key={c.id} value={c.code}>
              {c.description ?? ''}
            </option>
          ))}
        </datalist>
        <table className="data">
          <caption className="visually-hidden">Schedule of values lines</caption>
          <SovHead
            extra={
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            }
          />
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.key}>
                <td>{i + 1}</td>
                <td>
                  <TextField
                    name={`lines.${i}.costCode`}
                    value={l.costCode}
                    onChange={setLine(l.key, 'costCode')}
                    aria-label={`Line ${i + 1} cost code`}
                  >
                    <Input list={listId} />
                    <FieldError />
                  </TextField>
                </td>
                <td>
                  <TextField
                    name={`lines.${i}.costType`}
                    value={l.costType}
                    onChange={setLine(l.key, 'costType')}
                    aria-label={`Line ${i + 1} cost type`}
                  >
                    <Input size={4} />
                    <FieldError />
                  </TextField>
                </td>
                <td>
                  <TextField
                    name={`lines.${i}.description`}
                    value={l.description}
                    onChange={setLine(l.key, 'description')}
                    aria-label={`Line ${i + 1} description`}
                  >
                    <Input />
                    <FieldError />
                  </TextField>
                </td>
                <td className="num">
                  <TextField
                    name={`lines.${i}.amountCents`}
                    value={l.amount}
                    onChange={setLine(l.key, 'amount')}
                    aria-label={`Line ${i + 1} amount`}
                    inputMode="decimal"
                    isInvalid={Boolean(amountErrors[i]) || undefined}
                  >
                    <Input size={12} />
                    <FieldError>{amountErrors[i] ?? undefined}</FieldError>
                  </TextField>
                </td>
                <td>
                  <Button
                    aria-label={`Remove line ${i + 1}`}
                    isDisabled={lines.length === 1}
                    onPress={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                Total
              </th>
              <td className="num">{formatCents(totalCents)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
        <div className="toolbar">
          <Button onPress={() => setLines((ls) => [...ls, emptyLine()])}>Add line</Button>
          <Button type="submit" data-variant="primary" isDisabled={save.isPending}>
            {id ? 'Save changes' : 'Create commitment'}
          </Button>
        </div>
        {save.isSuccess && <p role="status">Saved.</p>}
        <ProblemAlert error={save.error} heading="The commitment was not saved" />
      </Form>
    </>
  );
}
