import type { FaultSpec } from '../faults/fault-injector.js';

export interface FaultPreset {
  name: string;
  label: string;
  description: string;
  faults: FaultSpec[];
}

/** The console's one-click fault sets: the situations testers and demos ask for most. */
export const FAULT_PRESETS: readonly FaultPreset[] = [
  {
    name: 'spectrum-down',
    label: 'Spectrum down',
    description: 'Every call is answered 503 Service Unavailable until the fault is cleared.',
    faults: [{ service: '*', kind: 'http-503' }],
  },
  {
    name: 'slow-spectrum',
    label: 'Slow Spectrum',
    description: 'Every call waits 3 seconds before it is answered.',
    faults: [{ service: '*', kind: 'latency', ms: 3000 }],
  },
  {
    name: 'session-expiry',
    label: 'Session expiry',
    description: 'The next SOAP call\'s GUID has timed out (Get: E row, Put: A row "Time out has occurred").',
    faults: [{ service: '*', kind: 'guid-timeout', times: 1 }],
  },
  {
    name: 'refuse-line-2',
    label: 'Refuse line 2',
    description: 'The second subcontract line written (UpdateSubcontractPhases) is refused with an I row.',
    faults: [
      {
        service: 'UpdateSubcontractPhases',
        kind: 'refuse',
        skip: 1,
        times: 1,
        message: 'Line 2 refused by Spectrum (simulator fault preset)',
      },
    ],
  },
  {
    name: 'drop-after-write',
    label: 'Connection drops after a write',
    description: 'The next Put is applied, then the connection drops before the reply.',
    faults: [{ service: '*', kind: 'drop-connection', when: 'after', times: 1 }],
  },
  {
    name: 'flaky',
    label: 'Flaky Spectrum',
    description: 'About one call in three gets a SOAP Server fault (seeded, repeatable).',
    faults: [{ service: '*', kind: 'server-fault', rate: 0.3, seed: 7 }],
  },
];
