import type { ReactNode } from 'react';
import { FieldError, Input, Label, TextField, type TextFieldProps } from 'react-aria-components';

interface Props extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  /** The input's width in characters. */
  size?: number;
  /** The id of a `<datalist>` offered while typing. */
  list?: string;
  /** What to show under the field instead of its validation errors (the service's errors by the field's name). */
  error?: ReactNode;
}

/** A labelled text field of a form (class `field`) with its errors under it. */
export function TextInputField({ label, size, list, error, ...field }: Props) {
  return (
    <TextField className="field" {...field}>
      <Label>{label}</Label>
      <Input size={size} list={list} />
      <FieldError>{error}</FieldError>
    </TextField>
  );
}
