import { useId } from 'react';
import { Button, FieldError, Input, TextField } from 'react-aria-components';
import { formatCents, parseCents } from './money';
import { SovHead } from './SovHead';

/** One line being edited: the amount stays the text the person typed until it is sent. */
export interface LineDraft {
  key: number;
  costCode: string;
  costType: string;
  description: string;
  amount: string;
}

/** A line as the API takes it (amounts in integer cents). */
export interface LineInput {
  costCode: string;
  costType: string;
  description: string | null;
  amountCents: number;
}

let nextKey = 1;

export const emptyLine = (): LineDraft => ({
  key: nextKey++,
  costCode: '',
  costType: '',
  description: '',
  amount: '',
});

/** Drafts from stored lines (at least one empty line to type into). */
export const draftsOf = (
  lines: readonly { costCode: string; costType: string; description: string | null; amountCents: number }[],
): LineDraft[] =>
  lines.length
    ? lines.map((l) => ({
        key: nextKey++,
        costCode: l.costCode,
        costType: l.costType,
        description: l.description ?? '',
        amount: (l.amountCents / 100).toFixed(2),
      }))
    : [emptyLine()];

/** The message for a line whose amount is not an amount, else null (checked before anything is sent). */
export const amountErrorsOf = (lines: readonly LineDraft[]) =>
  lines.map((l) => (l.amount && parseCents(l.amount) === null ? 'Enter an amount like 1250.00' : null));

/** The lines to send: blank rows dropped, text trimmed, amounts in cents. */
export const linesToSend = (lines: readonly LineDraft[]): LineInput[] =>
  lines
    .filter((l) => l.costCode || l.costType || l.amount)
    .map((l) => ({
      costCode: l.costCode.trim(),
      costType: l.costType.trim(),
      description: l.description.trim() || null,
      amountCents: parseCents(l.amount) ?? 0,
    }));

/** A cost code of the project, offered while typing one. */
export interface CostCodeOption {
  id: string;
  code: string;
  description: string | null;
}

/** The `<datalist>` of the project's cost codes (code and description) for a cost code field's `list`. */
export function CostCodeList({
  id,
  costCodes,
}: {
  id: string;
  costCodes: readonly CostCodeOption[] | undefined;
}) {
  return (
    <datalist id={id}>
      {costCodes?.map((c) => (
        <option key={c.id} value={c.code}>
          {c.description ?? ''}
        </option>
      ))}
    </datalist>
  );
}

interface Props {
  /** Names the table for screen readers ("Schedule of values lines"). */
  caption: string;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  /** The project's cost codes offered while typing (code and description). */
  costCodes?: readonly CostCodeOption[] | undefined;
}

/**
 * The lines of a schedule of values (commitment, change order, budget change) as a table of text fields. Errors
 * the service names by field (`lines.1.costCode`) show under that field: the surrounding react-aria `Form` passes
 * them on by the fields' names.
 */
export function SovLinesEditor({ caption, lines, onChange, costCodes }: Props) {
  const listId = useId();
  const amountErrors = amountErrorsOf(lines);
  const totalCents = lines.reduce((s, l) => s + (parseCents(l.amount) ?? 0), 0);
  const setLine = (key: number, k: keyof Omit<LineDraft, 'key'>) => (v: string) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, [k]: v } : l)));

  return (
    <>
      <CostCodeList id={listId} costCodes={costCodes} />
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
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
                  onPress={() => onChange(lines.filter((x) => x.key !== l.key))}
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
        <Button onPress={() => onChange([...lines, emptyLine()])}>Add line</Button>
      </div>
    </>
  );
}
