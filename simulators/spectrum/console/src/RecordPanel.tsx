import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal } from 'react-aria-components';
import { type EditorField, type Json, sim, type TableInfo, useRecord, useSimMutation } from './api';
import { Field, fieldErrors, fmt, ProblemAlert, Status } from './components';
import { keyHeader, keyOf, keyText, shownColumns } from './table-view';

/** A field's rule in words, as the Put service (or the column) checks it. */
export function ruleText(f: EditorField): string {
  const parts: string[] = [];
  if (f.required) parts.push('required');
  switch (f.kind) {
    case 'num':
      parts.push(`number, format ${f.format ?? '-10.2'}`);
      break;
    case 'date':
      parts.push('date MM/DD/YYYY');
      break;
    case 'int':
      parts.push('whole number');
      break;
    case 'set':
      parts.push(`one of ${(f.values ?? []).join(', ')}`);
      break;
    case 'upper':
      parts.push(`up to ${f.max}, uppercase letters and digits`);
      break;
    case 'code':
      parts.push(`up to ${f.max}, uppercase`);
      break;
    case 'phase':
      parts.push(`up to ${f.max}, uppercase, no dashes`);
      break;
    case 'digits':
      parts.push(`up to ${f.max} digits`);
      break;
    default:
      parts.push(`up to ${f.max} characters`);
  }
  return parts.join(' · ');
}

function RecordForm({
  fields,
  initial,
  submitLabel,
  onSubmit,
  error,
  isPending,
  readOnlyKeys,
}: {
  fields: EditorField[];
  initial: Record<string, string>;
  submitLabel: string;
  onSubmit: (values: Record<string, string>) => void;
  error: unknown;
  isPending: boolean;
  readOnlyKeys: boolean;
}) {
  const [values, setValues] = useState<Record<string, string>>(initial);
  useEffect(() => setValues(initial), [initial]);
  const errors = fieldErrors(error);
  return (
    <Form
      className="record-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(values);
      }}
    >
      <div className="form-grid">
        {fields.map((f) => (
          <Field
            key={f.name}
            label={f.name.replace(/_/g, ' ')}
            name={f.name}
            value={values[f.name] ?? ''}
            onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))}
            description={ruleText(f)}
            error={errors[f.name]}
            isReadOnly={readOnlyKeys && f.key}
            isRequired={f.required ?? false}
          />
        ))}
      </div>
      <ProblemAlert error={error} title="Spectrum refused the change" />
      <Button type="submit" isDisabled={isPending}>
        {isPending ? 'Saving…' : submitLabel}
      </Button>
    </Form>
  );
}

/** One record: every value, the change form (the Put service's), delete, and its related records. */
export function RecordPanel({
  info,
  tables,
  recordKey,
  onOpen,
  onClose,
}: {
  info: TableInfo;
  tables: TableInfo[];
  recordKey: Json;
  onOpen: (table: string, key: Json) => void;
  onClose: () => void;
}) {
  const record = useRecord(info.collection, recordKey);
  const [done, setDone] = useState('');
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const keyId = JSON.stringify(recordKey);
  // a record opened from a list takes the focus, so keyboard and screen reader users land on it
  useEffect(() => {
    if (keyId) heading.current?.focus();
  }, [keyId]);
  const change = useSimMutation((values: Record<string, string>) =>
    sim<{ row: Json }>('PATCH', `/records/${info.collection}`, { key: recordKey, values }),
  );
  const remove = useSimMutation(() => sim('DELETE', `/records/${info.collection}`, { key: recordKey }));
  const editor = info.editor;
  const data = record.data;
  const title = `${info.label.replace(/s$/, '')} ${keyText(info, recordKey)}`;
  return (
    <section className="record" aria-labelledby={headingId}>
      <div className="record-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <Button onPress={onClose}>Close record</Button>
      </div>
      {record.isError && <ProblemAlert error={record.error} title="This record could not be read" />}
      {done && <Status>{done}</Status>}
      {data && (
        <>
          <h3>Values</h3>
          <dl className="values">
            {info.columns.map((c) => (
              <div key={c.name}>
                <dt>{c.name.replace(/_/g, ' ')}</dt>
                <dd>{String(data.row[c.name] ?? '') || '—'}</dd>
              </div>
            ))}
          </dl>
          {editor.changeFields.length > 0 && (
            <>
              <h3>Change {editor.changeService ? `through ${editor.changeService}` : 'the record'}</h3>
              <p className="muted">
                {editor.changeService
                  ? `Checked exactly as Spectrum's ${editor.changeService} service checks it, in its formats. As in Spectrum, a blank field leaves the value as it is.`
                  : 'Checked against the column sizes, codes and Spectrum formats (dates MM/DD/YYYY).'}
              </p>
              <RecordForm
                fields={editor.changeFields}
                initial={data.form}
                submitLabel="Save changes"
                readOnlyKeys
                error={change.error}
                isPending={change.isPending}
                onSubmit={(values) => {
                  const changed = Object.fromEntries(
                    Object.entries(values).filter(([k, v]) => (data.form[k] ?? '') !== v),
                  );
                  setDone('');
                  change.mutate(changed, {
                    onSuccess: () =>
                      setDone(
                        Object.keys(changed).length === 0
                          ? 'Nothing changed.'
                          : `Saved: ${Object.keys(changed).join(', ')}.`,
                      ),
                  });
                }}
              />
            </>
          )}
          <DeleteRecord title={title} onDelete={() => remove.mutate(undefined, { onSuccess: onClose })} />
          <ProblemAlert error={remove.error} title="The record was not deleted" />
          <h3>Related records</h3>
          {data.related.length === 0 && <p>None.</p>}
          {data.related.map((group) => {
            const other = tables.find((t) => t.collection === group.collection);
            if (!other) return null;
            const cols = shownColumns(other, 3);
            return (
              <table className="data related" key={`${group.relation}-${group.collection}`}>
                <caption>
                  {group.label}: {fmt(group.total)}
                  {group.total > group.rows.length ? ` (first ${group.rows.length} shown)` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{keyHeader(other)}</th>
                    {cols.map((c) => (
                      <th key={c} scope="col">
                        {c.replace(/_/g, ' ')}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((row) => (
                    <tr key={JSON.stringify(keyOf(other, row))}>
                      <td>
                        <Button
                          className="link-button"
                          onPress={() => onOpen(other.collection, keyOf(other, row))}
                          aria-label={`Open ${other.label.replace(/s$/, '').toLowerCase()} ${keyText(other, row)}`}
                        >
                          {keyText(other, row)}
                        </Button>
                      </td>
                      {cols.map((c) => (
                        <td key={c}>{String(row[c] ?? '')}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
        </>
      )}
    </section>
  );
}

function DeleteRecord({ title, onDelete }: { title: string; onDelete: () => void }) {
  return (
    <DialogTrigger>
      <Button className="danger">Delete record</Button>
      <Modal className="modal" isDismissable>
        <Dialog className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title">Delete {title}?</Heading>
              <p>
                The record is removed from the simulator's store. Records that belong to it keep it from being
                deleted.
              </p>
              <div className="actions">
                <Button
                  className="danger"
                  onPress={() => {
                    onDelete();
                    close();
                  }}
                >
                  Delete
                </Button>
                <Button onPress={close}>Cancel</Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}

/** Adds a record through the table's Put service (or its column checks). */
export function AddRecordDialog({
  info,
  company,
  onAdded,
}: {
  info: TableInfo;
  /** The company the table shows, filled in for the new record. */
  company: string;
  onAdded: (key: Json) => void;
}) {
  const add = useSimMutation((values: Record<string, string>) =>
    sim<{ key: Json }>('POST', `/records/${info.collection}`, {
      values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')),
    }),
  );
  const editor = info.editor;
  const initial = useMemo(() => {
    const values: Record<string, string> = {};
    if (company) values.Company_Code = company;
    return values;
  }, [company]);
  if (editor.addFields.length === 0) return null;
  return (
    <DialogTrigger onOpenChange={() => add.reset()}>
      <Button>Add {info.label.replace(/s$/, '').toLowerCase()}</Button>
      <Modal className="modal wide" isDismissable>
        <Dialog className="dialog">
          {({ close }) => (
            <>
              <Heading slot="title">
                Add {info.label.replace(/s$/, '').toLowerCase()}
                {editor.addService ? ` through ${editor.addService}` : ''}
              </Heading>
              <RecordForm
                fields={editor.addFields}
                initial={initial}
                submitLabel="Add"
                readOnlyKeys={false}
                error={add.error}
                isPending={add.isPending}
                onSubmit={(values) =>
                  add.mutate(values, {
                    onSuccess: (r) => {
                      close();
                      onAdded(r.key);
                    },
                  })
                }
              />
              <Button onPress={close}>Cancel</Button>
            </>
          )}
        </Dialog>
      </Modal>
    </DialogTrigger>
  );
}
