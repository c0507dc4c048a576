import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { useProjectCostCodes } from '../../api/hooks';
import { useBudget, useBudgetChanges, useCreateBudgetChange, useEditBudget, useProject } from '../../api/pm';
import type { Budget, BudgetChange, BudgetLine, Project } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { formatCents, parseCents } from '../../components/money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { SendToErp } from '../../components/SendToErp';
import {
  amountErrorsOf,
  emptyLine,
  type LineDraft,
  linesToSend,
  SovLinesEditor,
} from '../../components/SovLinesEditor';
import { StateBadge } from '../../components/StateBadge';
import { SyncCells, SyncHead } from '../items/SyncCells';

/** A project's budget: lines, lock and unlock, Send to ERP, and its budget changes (BUD-5, BUD-6, BCH-1). */
export function BudgetPage({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  const budget = useBudget(projectId);
  return (
    <>
      <p>
        <Link to="/items/$type" params={{ type: 'project' }} search={{}}>
          ← Projects
        </Link>
      </p>
      <QueryView query={project} what="the project">
        {(p) => (
          <>
            <h1>Budget of {p.number ? `${p.number} ${p.name}` : p.name}</h1>
            <QueryView query={budget} what="the budget">
              {(b) => <BudgetView project={p} budget={b} />}
            </QueryView>
          </>
        )}
      </QueryView>
    </>
  );
}

function BudgetView({ project, budget }: { project: Project; budget: Budget }) {
  const edit = useEditBudget(project.id);
  const costCodes = useProjectCostCodes(project.id);
  return (
    <>
      <div className="card">
        <p>
          {budget.locked ? 'Locked (the approved original budget).' : 'Unlocked: lines can change.'} Sync
          state: <StateBadge state={budget.state} />{' '}
          {budget.spectrumKey && <>Spectrum key {budget.spectrumKey}</>}
        </p>
        {budget.lastError && <p className="error-text">{budget.lastError}</p>}
        <div className="toolbar">
          {budget.locked ? (
            <ActionButton
              action="unlockBudget"
              label="Unlock budget"
              blockedBy={budget.blockedBy}
              isPending={edit.isPending && edit.variables?.action === 'unlock'}
              onPress={() => edit.mutate({ action: 'unlock' })}
            />
          ) : (
            <Button isDisabled={edit.isPending} onPress={() => edit.mutate({ action: 'lock' })}>
              Lock budget
            </Button>
          )}
          <SendToErp item={budget} what="The budget" label="Send budget to ERP" />
        </div>
        <ProblemAlert error={edit.error} heading="The budget was not changed" />
      </div>
      <h2>Lines</h2>
      <BudgetLines budget={budget} projectId={project.id} />
      {!budget.locked && (
        <AddBudgetLine projectId={project.id} budget={budget} costCodes={costCodes.data?.items} />
      )}
      <BudgetChanges project={project} budget={budget} costCodes={costCodes.data?.items} />
    </>
  );
}

function BudgetLines({ budget, projectId }: { budget: Budget; projectId: string }) {
  if (budget.lines.length === 0) return <p className="muted">The budget has no lines yet.</p>;
  return (
    <table className="data">
      <caption className="visually-hidden">Budget lines</caption>
      <thead>
        <tr>
          <th scope="col">Cost code</th>
          <th scope="col">Cost type</th>
          <th scope="col">Description</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Direct costs
          </th>
          <th scope="col" className="num">
            Estimated cost at completion
          </th>
        </tr>
      </thead>
      <tbody>
        {budget.lines.map((l) => (
          <tr key={l.id}>
            <td>{l.costCode}</td>
            <td>{l.costType}</td>
            <td>{l.description ?? ''}</td>
            <td className="num">
              {budget.locked ? (
                formatCents(l.amountCents)
              ) : (
                <LineAmount key={`${l.id}-${l.amountCents}`} line={l} projectId={projectId} />
              )}
            </td>
            <td className="num">{l.directCostsCents === null ? '' : formatCents(l.directCostsCents)}</td>
            <td className="num">
              {l.estimatedCostAtCompletionCents === null ? '' : formatCents(l.estimatedCostAtCompletionCents)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className="num">{formatCents(budget.totals.amountCents)}</td>
          <td className="num">
            {budget.totals.directCostsCents === null ? '' : formatCents(budget.totals.directCostsCents)}
          </td>
          <td className="num">
            {budget.totals.estimatedCostAtCompletionCents === null
              ? ''
              : formatCents(budget.totals.estimatedCostAtCompletionCents)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The amount of one line of an unlocked budget, changed in place (Enter or Save). */
function LineAmount({ line, projectId }: { line: BudgetLine; projectId: string }) {
  const edit = useEditBudget(projectId);
  const [text, setText] = useState((line.amountCents / 100).toFixed(2));
  const cents = parseCents(text);
  const name = `${line.costCode} ${line.costType}`;
  return (
    <Form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (cents === null) return;
        edit.mutate({
          action: 'updateLine',
          lineId: line.id,
          amountCents: cents,
          description: line.description,
        });
      }}
    >
      <TextField
        value={text}
        onChange={setText}
        aria-label={`Amount of ${name}`}
        inputMode="decimal"
        isInvalid={cents === null || undefined}
      >
        <Input size={12} />
        <FieldError>{cents === null ? 'Enter an amount like 1250.00' : undefined}</FieldError>
      </TextField>
      <Button type="submit" aria-label={`Save the amount of ${name}`} isDisabled={edit.isPending}>
        Save
      </Button>
      <ProblemAlert error={edit.error} heading={`The amount of ${name} was not saved`} />
    </Form>
  );
}

function AddBudgetLine({
  projectId,
  budget,
  costCodes,
}: {
  projectId: string;
  budget: Budget;
  costCodes: readonly { id: string; code: string; description: string | null }[] | undefined;
}) {
  const edit = useEditBudget(projectId);
  const [line, setLine] = useState<LineDraft>(emptyLine);
  const problem = edit.error instanceof ApiError ? edit.error : null;
  const cents = line.amount ? parseCents(line.amount) : null;
  const set = (k: keyof Omit<LineDraft, 'key'>) => (v: string) => setLine((l) => ({ ...l, [k]: v }));
  const reasons = budget.blockedBy.find((b) => b.action === 'addBudgetLine')?.reasons ?? [];
  return (
    <Form
      aria-labelledby="add-line-heading"
      validationErrors={problem?.byField() ?? {}}
      onSubmit={(e) => {
        e.preventDefault();
        if (cents === null) return;
        const [l] = linesToSend([line]);
        if (!l) return;
        edit.mutate(
          { action: 'addLine', line: l },
          {
            onSuccess: () => setLine(emptyLine()),
          },
        );
      }}
    >
      <h3 id="add-line-heading">Add a line</h3>
      <div className="grid-2">
        <TextField
          name="costCode"
          isRequired
          value={line.costCode}
          onChange={set('costCode')}
          className="field"
        >
          <Label>Cost code</Label>
          <Input list="budget-cost-codes" />
          <FieldError />
        </TextField>
        <TextField
          name="costType"
          isRequired
          value={line.costType}
          onChange={set('costType')}
          className="field"
        >
          <Label>Cost type</Label>
          <Input size={4} />
          <FieldError />
        </TextField>
        <TextField
          name="description"
          value={line.description}
          onChange={set('description')}
          className="field"
        >
          <Label>Description</Label>
          <Input />
          <FieldError />
        </TextField>
        <TextField
          name="amountCents"
          isRequired
          value={line.amount}
          onChange={set('amount')}
          inputMode="decimal"
          className="field"
          isInvalid={(Boolean(line.amount) && cents === null) || undefined}
        >
          <Label>Amount</Label>
          <Input />
          <FieldError>
            {line.amount && cents === null ? 'Enter an amount like 1250.00' : undefined}
          </FieldError>
        </TextField>
      </div>
      <datalist id="budget-cost-codes">
        {costCodes?.map((c) => (
          <option key={c.id} value={c.code}>
            {c.description ?? ''}
          </option>
        ))}
      </datalist>
      <div className="toolbar">
        <Button type="submit" isDisabled={edit.isPending || reasons.length > 0}>
          Add line
        </Button>
      </div>
      {reasons.length > 0 && (
        <ul className="reasons">
          {reasons.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
      )}
      {edit.isSuccess && <p role="status">Line added.</p>}
      <ProblemAlert error={edit.error} heading="The line was not added" />
    </Form>
  );
}

function BudgetChanges({
  project,
  budget,
  costCodes,
}: {
  project: Project;
  budget: Budget;
  costCodes: readonly { id: string; code: string; description: string | null }[] | undefined;
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
  costCodes: readonly { id: string; code: string; description: string | null }[] | undefined;
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
        <TextField name="date" type="date" value={form.date} onChange={set('date')} className="field">
          <Label>Date</Label>
          <Input />
          <FieldError />
        </TextField>
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
