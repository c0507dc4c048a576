import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { useBudgetChanges, useCreateBudgetChange } from '../../api/pm';
import type { Budget, BudgetChange, Project } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { formatCents } from '../../components/money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { SendToErp } from '../../components/SendToErp';
import {
  amountErrorsOf,
  type CostCodeOption,
  emptyLine,
  type LineDraft,
  linesToSend,
  SovLinesEditor,
} from '../../components/SovLinesEditor';
import { TextInputField } from '../../components/TextInputField';
import { SyncCells, SyncHead } from '../items/SyncCells';

/** A budget's changes (BCH-1): the list, each sent to the ERP on its own, and a new one. */
export function BudgetChanges({
  project,
  budget,
  costCodes,
}: {
  project: Project;
  budget: Budget;
  costCodes: readonly CostCodeOption[] | undefined;
}) {
  const changes = useBudgetChanges(project.id);
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="bch-heading">
      <h2 id="bch-heading">Budget changes</h2>
      <QueryView
        query={changes}
        what="budget changes"
        isEmpty={(d) => d.items.length === 0}
        empty="No budget changes yet."
      >
        {(page) => (
          <table className="data">
            <caption className="visually-hidden">Budget changes</caption>
            <SyncHead first={['Budget change', 'Date', 'Amount']} numeric={['Amount']} />
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.number} {c.title}
                  </td>
                  <td>{c.date ?? ''}</td>
                  <td className="num">{formatCents(c.totalCents)}</td>
                  <SyncCells item={c} />
                  <td>
                    <SendBudgetChange change={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
      {creating ? (
        <NewBudgetChange project={project} costCodes={costCodes} onDone={() => setCreating(false)} />
      ) : (
        <ActionButton
          action="createBudgetChange"
          label="New budget change"
          blockedBy={budget.blockedBy}
          onPress={() => setCreating(true)}
        />
      )}
    </section>
  );
}

function SendBudgetChange({ change }: { change: BudgetChange }) {
  const name = `budget change ${change.number}`;
  return <SendToErp item={change} what={`The ${name}`} itemLabel={name} />;
}

function NewBudgetChange({
  project,
  costCodes,
  onDone,
}: {
  project: Project;
  costCodes: readonly CostCodeOption[] | undefined;
  onDone: () => void;
}) {
  const create = useCreateBudgetChange(project.id);
  const [form, setForm] = useState({ number: '', title: '', date: '' });
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const problem = create.error instanceof ApiError ? create.error : null;
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Form
      aria-labelledby="new-bch-heading"
      validationErrors={problem?.byField() ?? {}}
      onSubmit={(e) => {
        e.preventDefault();
        if (amountErrorsOf(lines).some(Boolean)) return;
        create.mutate(
          { number: form.number, title: form.title, date: form.date || null, lines: linesToSend(lines) },
          { onSuccess: onDone },
        );
      }}
    >
      <h3 id="new-bch-heading">New budget change</h3>
      <div className="grid-2">
        <TextInputField
          label="Number"
          name="number"
          isRequired
          value={form.number}
          onChange={set('number')}
        />
        <TextInputField label="Title" name="title" isRequired value={form.title} onChange={set('title')} />
        <TextInputField label="Date" name="date" type="date" value={form.date} onChange={set('date')} />
      </div>
      <SovLinesEditor caption="Budget change lines" lines={lines} onChange={setLines} costCodes={costCodes} />
      <div className="toolbar">
        <Button type="submit" data-variant="primary" isDisabled={create.isPending}>
          Create budget change
        </Button>
        <Button onPress={onDone}>Cancel</Button>
      </div>
      <ProblemAlert error={create.error} heading="The budget change was not created" />
    </Form>
  );
}
