import type { ReactNode } from 'react';
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { ProblemError } from './api';

/** A labelled text field with its rule in words and the server's error for it. */
export function Field({
  label,
  name,
  value,
  onChange,
  description,
  error,
  isReadOnly,
  isRequired,
  type,
  inputMode,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  description?: string;
  error?: string | undefined;
  isReadOnly?: boolean;
  isRequired?: boolean;
  type?: 'text' | 'number' | 'search';
  inputMode?: 'numeric' | 'decimal' | 'text';
}) {
  return (
    <TextField
      className="field"
      name={name}
      value={value}
      onChange={onChange}
      isReadOnly={isReadOnly ?? false}
      isRequired={isRequired ?? false}
      isInvalid={error !== undefined}
      validationBehavior="aria"
      {...(type ? { type } : {})}
    >
      <Label>{label}</Label>
      <Input {...(inputMode ? { inputMode } : {})} />
      {description && <Text slot="description">{description}</Text>}
      <FieldError>{error}</FieldError>
    </TextField>
  );
}

/** A refused call, in words: the problem's detail, or each field's message. */
export function ProblemAlert({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  const problem = error instanceof ProblemError ? error : null;
  return (
    <div className="alert" role="alert">
      <strong>{title}</strong>
      {problem && problem.errors.length > 0 ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}-${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : (
        <p>{error instanceof Error ? error.message : String(error)}</p>
      )}
    </div>
  );
}

/** Errors of a refused call by field name (for the fields that show them). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ProblemError) {
    for (const e of error.errors) {
      const name = e.field.replace(/^values\./, '');
      out[name] = out[name] ? `${out[name]}; ${e.message}` : e.message;
    }
  }
  return out;
}

/** A polite live region: what the last action did, read out by screen readers. */
export function Status({ children }: { children: ReactNode }) {
  return (
    <p className="status" role="status">
      {children}
    </p>
  );
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
