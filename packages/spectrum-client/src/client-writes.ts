import type { PutServiceName, PutWire } from '@bridge/rules';
import type { CallOptions, SpectrumClient } from './client-types.js';
import { postScheduleOfValues, type RestConfig } from './rest/rest-services.js';
import { wireFromInput } from './services/put-input.js';
import {
  ADD_CUSTOMER,
  ADD_JOB,
  ADD_PHASE,
  ADD_VENDOR,
  AR_CHANGE_ORDER,
  AR_CHANGE_REQUEST,
  JOB_COST_PROJECTIONS,
  type PutResult,
  type TypedPutDef,
  UPDATE_JOB,
  UPDATE_SUBCONTRACT,
  UPDATE_SUBCONTRACT_PHASES,
  UPDATE_VENDOR,
} from './services/put-services.js';
import { putParams } from './services/put-wire.js';
import type { GuidScope } from './soap/guid-scope.js';
import type { SoapCaller } from './soap/soap-caller.js';

export interface WriteContext {
  soap: SoapCaller;
  scope: GuidScope;
  companyCode: string;
  rest: RestConfig;
}

export type ClientWrites = Pick<
  SpectrumClient,
  | 'put'
  | 'addJob'
  | 'updateJob'
  | 'addPhase'
  | 'addJobCostProjection'
  | 'addVendor'
  | 'updateVendor'
  | 'upsertSubcontract'
  | 'upsertSubcontractLine'
  | 'addChangeRequestLine'
  | 'addChangeOrderLine'
  | 'addCustomer'
  | 'postScheduleOfValues'
>;

/**
 * The Put services. `put` takes a service's wire record as the rules produce it and sends it as is (through
 * `putParams`: the client's company, the table's order, refusals before any call); the typed methods format their
 * input once (`wireFromInput`) and call `put`. The SOAP caller adds the session GUID, retries what is safe to retry
 * and turns error rows into typed errors.
 */
export function createWrites(ctx: WriteContext): ClientWrites {
  const { soap, scope, companyCode } = ctx;

  async function put<S extends PutServiceName>(
    service: S,
    wire: PutWire<S>,
    o?: CallOptions,
  ): Promise<PutResult> {
    return soap.put(service, putParams(service, wire, companyCode), scope, o?.signal);
  }

  function typed<S extends PutServiceName>(def: TypedPutDef<S>) {
    return async (input: object, o?: CallOptions): Promise<PutResult> =>
      put(def.service, wireFromInput(def, input), o);
  }

  return {
    put,
    addJob: typed(ADD_JOB),
    updateJob: typed(UPDATE_JOB),
    addPhase: typed(ADD_PHASE),
    addJobCostProjection: typed(JOB_COST_PROJECTIONS),
    addVendor: typed(ADD_VENDOR),
    updateVendor: typed(UPDATE_VENDOR),
    upsertSubcontract: typed(UPDATE_SUBCONTRACT),
    upsertSubcontractLine: typed(UPDATE_SUBCONTRACT_PHASES),
    addChangeRequestLine: typed(AR_CHANGE_REQUEST),
    addChangeOrderLine: typed(AR_CHANGE_ORDER),
    addCustomer: typed(ADD_CUSTOMER),
    postScheduleOfValues: (input, o) => postScheduleOfValues(ctx.rest, input, o?.signal),
  };
}
