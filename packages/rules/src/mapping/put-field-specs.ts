import { SPECTRUM_LIMITS as L } from '../formats/limits.js';

/**
 * Who needs a field filled: `spectrum` = Spectrum refuses the call without it (the client checks it before any
 * call); `export` = Spectrum would take a blank, but the product's exports always fill it (checked at accept by
 * `validatePayload`).
 */
export type FieldRequirement = 'spectrum' | 'export';

interface Common {
  readonly required?: FieldRequirement | undefined;
  /** The product's export mappers fill this field (their payloads hold exactly the exported fields). */
  readonly exported?: true;
}

/**
 * One field of a Spectrum Put service: what its wire text looks like. Every value travels as text; `''` means
 * "leave unchanged" (docs/spectrum-wire.md §4.3). The kind also says what a typed caller passes for it: integer
 * cents for `amount`, `boolean` for `yesNo`, a number for `int`, an ISO date for `date`, text otherwise.
 */
export type FieldSpec = Common &
  (
    | { readonly kind: 'text'; readonly max?: number | undefined }
    | { readonly kind: 'code'; readonly max: number; readonly pattern: RegExp; readonly expected: string }
    | { readonly kind: 'flag'; readonly values: readonly string[] }
    | { readonly kind: 'yesNo' }
    | { readonly kind: 'date' }
    | { readonly kind: 'amount'; readonly format?: string | undefined }
    | { readonly kind: 'digits'; readonly max: number }
    | { readonly kind: 'int'; readonly max?: number | undefined }
    | { readonly kind: 'percent' }
    | { readonly kind: 'decimal' }
  );

export type FieldKind = FieldSpec['kind'];

type Req = FieldRequirement | undefined;

export const text = <R extends Req = undefined>(max?: number, required?: R) =>
  ({ kind: 'text', max, required: required as R }) as const;
export const code = <R extends Req = undefined>(
  max: number,
  pattern: RegExp,
  expected: string,
  required?: R,
) => ({ kind: 'code', max, pattern, expected, required: required as R }) as const;
export const upper = <R extends Req = undefined>(max: number, required?: R) =>
  code(max, /^[A-Z0-9]+$/, 'uppercase letters and digits', required);
export const numberKey = <R extends Req = undefined>(max: number, required?: R) =>
  code(max, /^[A-Z0-9][A-Z0-9-]*$/, 'uppercase letters, digits and dashes', required);
export const jobNumber = <R extends Req = 'spectrum'>(required: R = 'spectrum' as R) =>
  code(L.jobNumber, /^[A-Za-z0-9\-._/]+$/, 'letters, digits and - . _ /', required);
export const phase = <R extends Req = undefined>(required?: R) =>
  code(L.phaseCode, /^[A-Z0-9]+$/, 'uppercase letters and digits, no dashes', required);
export const costType = <R extends Req = undefined>(required?: R) => upper(L.costType, required);
export const state = () => code(L.state, /^[A-Z]{2}$/, 'a two-letter state code');
export const zip = () => code(L.zip, /^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes');
export const flag = <const V extends readonly string[], R extends Req = undefined>(values: V, required?: R) =>
  ({ kind: 'flag', values, required: required as R }) as const;
export const yesNo = <R extends Req = undefined>(required?: R) =>
  ({ kind: 'yesNo', required: required as R }) as const;
export const date = <R extends Req = undefined>(required?: R) =>
  ({ kind: 'date', required: required as R }) as const;
export const amount = <R extends Req = undefined>(format?: string, required?: R) =>
  ({ kind: 'amount', format, required: required as R }) as const;
export const digits = <R extends Req = undefined>(max: number, required?: R) =>
  ({ kind: 'digits', max, required: required as R }) as const;
export const int = <R extends Req = undefined>(max?: number, required?: R) =>
  ({ kind: 'int', max, required: required as R }) as const;
export const percent = () => ({ kind: 'percent' }) as const;
export const decimal = () => ({ kind: 'decimal' }) as const;
export const companyCode = () => upper(L.companyCode, 'spectrum');

/** Marks a field the product's exports fill. */
export const exported = <S extends FieldSpec>(spec: S): S & { readonly exported: true } => ({
  ...spec,
  exported: true,
});
