import { arChangeOrder } from './put/change-orders.js';
import { arChangeRequest } from './put/change-requests.js';
import { addJob, addPhase, jobCostProjections, updateJob } from './put/jobs.js';
import { updateSubcontract, updateSubcontractPhases } from './put/subcontracts.js';
import { addCustomer, addVendor, updateVendor } from './put/vendors.js';
import type { PutServiceDef } from './service-types.js';

// The SDX Put services the simulator serves, one module per area under put/.

export {
  addCustomer,
  addJob,
  addPhase,
  addVendor,
  arChangeOrder,
  arChangeRequest,
  jobCostProjections,
  updateJob,
  updateSubcontract,
  updateSubcontractPhases,
  updateVendor,
};

export const PUT_SERVICES: readonly PutServiceDef[] = [
  addJob,
  updateJob,
  addPhase,
  jobCostProjections,
  addVendor,
  updateVendor,
  updateSubcontract,
  updateSubcontractPhases,
  arChangeRequest,
  arChangeOrder,
  addCustomer,
];
