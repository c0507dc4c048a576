import type { FieldSpec } from './put-field-specs.js';
import { PUT_FIELDS, type PutFieldTable } from './put-fields.js';

export type { FieldRequirement, FieldSpec } from './put-field-specs.js';

/**
 * The part of the Put field table (`put-fields.ts`) the product's exports write: per service, the fields marked
 * exported, in wire order. Mappers start from `blankPayload` and fill what they know; `validatePayload` checks a
 * payload against these specs.
 */
type ExportedFields<T> = { [K in keyof T as T[K] extends { readonly exported: true } ? K : never]: T[K] };

function exportedFields<T extends Readonly<Record<string, FieldSpec>>>(fields: T): ExportedFields<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, spec]) => spec.exported)) as ExportedFields<T>;
}

export const ADD_JOB_FIELDS = exportedFields(PUT_FIELDS.AddJob);
export const ADD_VENDOR_FIELDS = exportedFields(PUT_FIELDS.AddVendor);
export const UPDATE_SUBCONTRACT_FIELDS = exportedFields(PUT_FIELDS.UpdateSubcontract);
export const UPDATE_SUBCONTRACT_PHASES_FIELDS = exportedFields(PUT_FIELDS.UpdateSubcontractPhases);
export const AR_CHANGE_REQUEST_FIELDS = exportedFields(PUT_FIELDS.ARChangeRequest);
export const ADD_PHASE_FIELDS = exportedFields(PUT_FIELDS.AddPhase);
export const JOB_COST_PROJECTIONS_FIELDS = exportedFields(PUT_FIELDS.JobCostProjections);

/** The Spectrum write services the product maps records to, with their fields. */
export const SERVICE_FIELDS = {
  AddJob: ADD_JOB_FIELDS,
  AddVendor: ADD_VENDOR_FIELDS,
  UpdateSubcontract: UPDATE_SUBCONTRACT_FIELDS,
  UpdateSubcontractPhases: UPDATE_SUBCONTRACT_PHASES_FIELDS,
  ARChangeRequest: AR_CHANGE_REQUEST_FIELDS,
  AddPhase: ADD_PHASE_FIELDS,
  JobCostProjections: JOB_COST_PROJECTIONS_FIELDS,
} as const satisfies Partial<Record<keyof PutFieldTable, Readonly<Record<string, FieldSpec>>>>;

export type SpectrumWriteService = keyof typeof SERVICE_FIELDS;
export const SPECTRUM_WRITE_SERVICES = Object.keys(SERVICE_FIELDS) as SpectrumWriteService[];

type Wire<F> = { [K in keyof F]: string };

/** AddJob (§6.1): a new Spectrum job from a PM project. */
export type AddJobPayload = Wire<typeof ADD_JOB_FIELDS>;
/** AddVendor (§6.3): a new Spectrum vendor from a directory company. */
export type AddVendorPayload = Wire<typeof ADD_VENDOR_FIELDS>;
/** UpdateSubcontract (§6.4): the subcontract header (an upsert keyed by company + vendor + number). */
export type UpdateSubcontractPayload = Wire<typeof UPDATE_SUBCONTRACT_FIELDS>;
/** UpdateSubcontractPhases (§6.5): one subcontract line (keyed by phase + cost type + bid item). */
export type UpdateSubcontractPhasesPayload = Wire<typeof UPDATE_SUBCONTRACT_PHASES_FIELDS>;
/** ARChangeRequest (§6.7): one line of a change request, header fields repeated. */
export type ARChangeRequestPayload = Wire<typeof AR_CHANGE_REQUEST_FIELDS>;
/** AddPhase (§6.2): one phase × cost type with its original estimate (amounts only, LIM-8). */
export type AddPhasePayload = Wire<typeof ADD_PHASE_FIELDS>;
/** JobCostProjections (§6.6): projected cost at completion of one phase × cost type. */
export type JobCostProjectionsPayload = Wire<typeof JOB_COST_PROJECTIONS_FIELDS>;

export interface PayloadFor {
  AddJob: AddJobPayload;
  AddVendor: AddVendorPayload;
  UpdateSubcontract: UpdateSubcontractPayload;
  UpdateSubcontractPhases: UpdateSubcontractPhasesPayload;
  ARChangeRequest: ARChangeRequestPayload;
  AddPhase: AddPhasePayload;
  JobCostProjections: JobCostProjectionsPayload;
}

/** A payload with every field blank, in wire order: mappers fill in what they know. */
export function blankPayload<S extends SpectrumWriteService>(service: S): PayloadFor[S] {
  const out: Record<string, string> = {};
  for (const field of Object.keys(SERVICE_FIELDS[service])) out[field] = '';
  return out as unknown as PayloadFor[S];
}
