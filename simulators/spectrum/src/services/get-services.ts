import { getCustomers } from './get/customers.js';
import { getJob, getJobDates, getJobMain } from './get/jobs.js';
import { getPhase, getPhaseEnhanced } from './get/phases.js';
import type { GetServiceDef } from './service-types.js';

/** The SDX Get services the simulator answers (one file per family under `get/`). */
export const GET_SERVICES: readonly GetServiceDef[] = [
  getJob,
  getJobMain,
  getJobDates,
  getPhase,
  getPhaseEnhanced,
  getCustomers,
];
