import { useState } from 'react';
import { Button, FieldError, Form, Input, TextField } from 'react-aria-components';
import { ApiError } from '../../api/client';
import { useEditBudget } from '../../api/pm';
import type { Budget, BudgetLine } from '../../api/types';
import { formatCents, parseCents } from '../../components/money';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  CostCodeList,
  type CostCodeOption,
  emptyLine,
  type LineDraft,
  linesToSend,
} from '../../components/SovLinesEditor';
import { TextInputField } from '../../components/TextInputField';

/** The lines of a budget; an unlocked budget's amounts change in place. */
export function BudgetLines({ budget, projectId }: { budget: Budget; projectId: string }) {
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

/** Adds a line to an unlocked budget. */
export function AddBudgetLine({
  projectId,
  budget,
  costCodes,
}: {
  projectId: string;
  budget: Budget;
  costCodes: readonly CostCodeOption[] | undefined;
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
        <TextInputField
          label="Cost code"
          name="costCode"
          isRequired
          value={line.costCode}
          onChange={set('costCode')}
          list="budget-cost-codes"
        />
        <TextInputField
          label="Cost type"
          name="costType"
          isRequired
          value={line.costType}
          onChange={set('costType')}
          size={4}
        />
        <TextInputField
          label="Description"
          name="description"
          value={line.description}
          onChange={set('description')}
        />
        <TextInputField
          label="Amount"
          name="amountCents"
          isRequired
          value={line.amount}
          onChange={set('amount')}
          inputMode="decimal"
          isInvalid={(Boolean(line.amount) && cents === null) || undefined}
          error={line.amount && cents === null ? 'Enter an amount like 1250.00' : undefined}
        />
      </div>
      <CostCodeList id="budget-cost-codes" costCodes={costCodes} />
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
