import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScenarioSpec } from './scenarios/scenario.js';
import { resolveScenario } from './scenarios/scenario-resolver.js';
import { DEFAULT_MAX_REQUEST_BYTES } from './server/http-helpers.js';
import { SimulatorApp } from './server/simulator-app.js';
import { SpectrumStore } from './store/spectrum-store.js';

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Scenario name (`demo`, `large`, `generated:<seed>:<rows>`, a file path) or a spec. Default `demo`. */
  scenario?: string | ScenarioSpec;
  /** Directory for the persistent store; in memory when absent. */
  dataDir?: string;
  /** Reload the scenario even when the data directory already holds data. */
  reset?: boolean;
  /** Mount the `/__sim/…` control API. */
  control?: boolean;
  /** Require OAuth bearer tokens ("Enhanced Authentication"). */
  enhancedAuth?: boolean;
  /** GUID inactivity time-out in hours; null/absent = GUIDs never expire. */
  guidTimeoutHours?: number | null;
  clock?: () => Date;
  /** Largest request body accepted, in bytes (default 5 MB, DEFAULT_MAX_REQUEST_BYTES); larger ones are answered 413. */
  maxRequestBytes?: number;
  /** Calls the request log keeps (default 1,000; memory stays bounded by this × 2 × logBodyBytes). */
  logSize?: number;
  /** Bytes of each request and response body the log keeps (default 16 KiB). */
  logBodyBytes?: number;
  /** Folder of the built console (default dist/console). */
  consoleDir?: string;
}

export interface RunningSimulator {
  url: string;
  port: number;
  store: SpectrumStore;
  app: SimulatorApp;
  close(): Promise<void>;
}

/** Starts the simulator in-process (tests, integration) and resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const store = new SpectrumStore(options.dataDir ? { dataDir: options.dataDir } : {});
  const app = new SimulatorApp(store, {
    control: options.control ?? false,
    enhancedAuth: options.enhancedAuth ?? false,
    guidTimeoutHours: options.guidTimeoutHours ?? null,
    clock: options.clock ?? (() => new Date()),
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
    ...(options.logSize === undefined ? {} : { logSize: options.logSize }),
    ...(options.logBodyBytes === undefined ? {} : { logBodyBytes: options.logBodyBytes }),
    ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    resolveScenario,
  });
  const scenario = options.scenario ?? 'demo';
  app.startScenario = scenario;
  if (!store.persistent || options.reset || store.getMeta('scenario') === undefined)
    app.loadScenario(scenario);
  const server: Server = createServer({ keepAliveTimeout: 30_000 }, app.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  app.baseUrl = url;
  return {
    url,
    port: address.port,
    store,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        app.closeHanging();
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
