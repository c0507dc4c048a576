import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { useCommitment, useProjectCostCodes } from '../../api/hooks';
import { type ChangeOrderInput, useChangeOrder, useSaveChangeOrder } from '../../api/pm';
import type { Commitment, CommitmentChangeOrder } from '../../api/types';
import { formatCents } from '../../components/money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { SendToErp, SyncCard } from '../../components/SendToErp';
import {
  amountErrorsOf,
  draftsOf,
  type LineDraft,
  linesToSend,
  SovLinesEditor,
} from '../../components/SovLinesEditor';
import { TextInputField } from '../../components/TextInputField';
import { SyncCells, SyncHead } from '../items/SyncCells';

const STATUSES: CommitmentChangeOrder['status'][] = ['draft', 'pending', 'approved', 'rejected', 'void'];

/** The change orders of a commitment, each with its sync state and Send to ERP (CCO-1 … CCO-3). */
export function ChangeOrdersSection({ commitment }: { commitment: Commitment }) {
  return (
    <section aria-labelledby="cco-heading">
      <h2 id="cco-heading">Change orders</h2>
      {commitment.changeOrders.length === 0 ? (
        <p className="muted">No change orders yet.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">Change orders of commitment {commitment.number}</caption>
          <SyncHead first={['Change order', 'Status', 'Amount']} numeric={['Amount']} />
          <tbody>
            {commitment.changeOrders.map((co) => (
              <tr key={co.id}>
                <td>
                  <Link to="/commitment-change-orders/$id" params={{ id: co.id }}>
                    {co.number} {co.title}
                  </Link>
                </td>
                <td>{co.status}</td>
                <td className="num">{formatCents(co.totalCents)}</td>
                <SyncCells item={co} />
                <td>
                  <SendChangeOrder changeOrder={co} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/commitments/$id/change-orders/new" params={{ id: commitment.id }}>
          New change order
        </Link>
      </p>
    </section>
  );
}

function SendChangeOrder({ changeOrder }: { changeOrder: CommitmentChangeOrder }) {
  const name = `change order ${changeOrder.number}`;
  return <SendToErp item={changeOrder} what={`The ${name}`} itemLabel={name} />;
}

/** A new change order on the commitment `commitmentId`. */
export function NewChangeOrder({ commitmentId }: { commitmentId: string }) {
  const commitment = useCommitment(commitmentId);
  return (
    <QueryView query={commitment} what="the commitment">
      {(c) => <ChangeOrderForm commitment={c} />}
    </QueryView>
  );
}

/** An existing change order, once it and its commitment are loaded. */
export function EditChangeOrder({ id }: { id: string }) {
  const changeOrder = useChangeOrder(id);
  const commitment = useCommitment(changeOrder.data?.commitmentId);
  if (changeOrder.isSuccess && commitment.isPending && !commitment.isError)
    return <p aria-live="polite">Loading the commitment…</p>;
  return (
    <QueryView query={changeOrder} what="the change order">
      {(co) => (
        <QueryView query={commitment} what="the commitment">
          {(c) => <ChangeOrderForm commitment={c} changeOrder={co} />}
        </QueryView>
      )}
    </QueryView>
  );
}

const formOf = (co: CommitmentChangeOrder | undefined) => ({
  number: co?.number ?? '',
  title: co?.title ?? '',
  description: co?.description ?? '',
  status: co?.status ?? ('approved' as CommitmentChangeOrder['status']),
  date: co?.date ?? '',
});

function ChangeOrderForm({
  commitment,
  changeOrder,
}: {
  commitment: Commitment;
  changeOrder?: CommitmentChangeOrder;
}) {
  const save = useSaveChangeOrder(commitment.id, changeOrder?.id);
  const navigate = useNavigate();
  const costCodes = useProjectCostCodes(commitment.projectId);
  const [form, setForm] = useState(() => formOf(changeOrder));
  const [lines, setLines] = useState<LineDraft[]>(() => draftsOf(changeOrder?.lines ?? []));
  const [loadedFrom, setLoadedFrom] = useState(changeOrder?.updatedAt);

  useEffect(() => {
    if (!changeOrder || loadedFrom === changeOrder.updatedAt) return;
    setLoadedFrom(changeOrder.updatedAt);
    setForm(formOf(changeOrder));
    setLines(draftsOf(changeOrder.lines));
  }, [changeOrder, loadedFrom]);

  const problem = save.error instanceof ApiError ? save.error : null;
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const amountErrors = amountErrorsOf(lines);

  return (
    <>
      <p>
        <Link to="/commitments/$id" params={{ id: commitment.id }}>
          ← Commitment {commitment.number}
        </Link>
      </p>
      <h1>
        {changeOrder
          ? `Change order ${changeOrder.number} on ${commitment.number}`
          : `New change order on ${commitment.number}`}
      </h1>
      {changeOrder && <SyncCard item={changeOrder} what="The change order" />}
      <Form
        validationErrors={problem?.byField() ?? {}}
        onSubmit={(e) => {
          e.preventDefault();
          if (amountErrors.some(Boolean)) return;
          const input: ChangeOrderInput = {
            number: form.number,
            title: form.title,
            description: form.description.trim() || null,
            status: form.status,
            date: form.date || null,
            lines: linesToSend(lines),
          };
          save.mutate(input, {
            onSuccess: (co) => {
              if (!changeOrder) navigate({ to: '/commitment-change-orders/$id', params: { id: co.id } });
            },
          });
        }}
      >
        <div className="grid-2">
          <TextInputField
            label="Number"
            name="number"
            isRequired
            value={form.number}
            onChange={set('number')}
          />
          <TextInputField label="Title" name="title" isRequired value={form.title} onChange={set('title')} />
          <div className="field">
            <label htmlFor="co-status">Status</label>
            <select
              id="co-status"
              value={form.status}
              onChange={(e) =>
                setForm((f) => ({ ...f, status: e.target.value as CommitmentChangeOrder['status'] }))
              }
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <TextInputField label="Date" name="date" type="date" value={form.date} onChange={set('date')} />
          <TextInputField
            label="Description"
            name="description"
            value={form.description}
            onChange={set('description')}
          />
        </div>
        <h2>Schedule of values</h2>
        <SovLinesEditor
          caption="Change order lines"
          lines={lines}
          onChange={setLines}
          costCodes={costCodes.data?.items}
        />
        <div className="toolbar">
          <Button type="submit" data-variant="primary" isDisabled={save.isPending}>
            {changeOrder ? 'Save changes' : 'Create change order'}
          </Button>
        </div>
        {save.isSuccess && <p role="status">Saved.</p>}
        <ProblemAlert error={save.error} heading="The change order was not saved" />
      </Form>
    </>
  );
}
