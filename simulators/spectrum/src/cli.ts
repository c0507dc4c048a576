#!/usr/bin/env node
import { startSimulator } from './simulator.js';

const USAGE = `spectrum-simulator [options]
  --scenario <name|file>   demo (default), large, medium, a JSON file, or generated:<seed>:<phaseRows>
  --scale <phaseRows>      generate a company with this many phase rows (with --seed, default 42)
  --seed <n>               generator seed
  --port <n>               port (default 8482; 0 picks a free port)
  --host <addr>            interface (default 127.0.0.1)
  --data-dir <dir>         persist the store there (in memory when absent)
  --reset                  reload the scenario even if the data directory holds data
  --control                enable the /__sim control API (or SIM_CONTROL=1)
  --enhanced-auth          require OAuth bearer tokens
  --guid-timeout-hours <h> expire idle GUIDs after h hours
  --max-request-bytes <n>  largest request body accepted (default 5242880, 5 MB; or SIM_MAX_REQUEST_BYTES)
  --log-size <n>           calls the request log keeps (default 1000; or SIM_LOG_SIZE)
  --log-body-bytes <n>     bytes of each request/response body the log keeps (default 16384; or SIM_LOG_BODY_BYTES)`;

function main(): void {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const opts: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (!a.startsWith('--')) {
      console.error(`unexpected argument ${a}\n${USAGE}`);
      process.exit(2);
    }
    const name = a.slice(2);
    if (['control', 'enhanced-auth', 'reset', 'help'].includes(name)) opts[name] = true;
    else {
      const v = args[++i];
      if (v === undefined) {
        console.error(`--${name} needs a value\n${USAGE}`);
        process.exit(2);
      }
      opts[name] = v;
    }
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  let scenario = typeof opts.scenario === 'string' ? opts.scenario : 'demo';
  if (typeof opts.scale === 'string') scenario = `generated:${opts.seed ?? 42}:${opts.scale}`;
  const port = opts.port === undefined ? 8482 : Number(opts.port);
  const guid = typeof opts['guid-timeout-hours'] === 'string' ? Number(opts['guid-timeout-hours']) : null;
  const maxBytesText =
    typeof opts['max-request-bytes'] === 'string'
      ? opts['max-request-bytes']
      : process.env.SIM_MAX_REQUEST_BYTES;
  const maxRequestBytes = maxBytesText === undefined ? undefined : Number(maxBytesText);
  if (maxRequestBytes !== undefined && !(Number.isSafeInteger(maxRequestBytes) && maxRequestBytes > 0)) {
    console.error(`--max-request-bytes must be a positive whole number of bytes\n${USAGE}`);
    process.exit(2);
  }
  const whole = (name: string, env: string, min: number, max: number): number | undefined => {
    const text = typeof opts[name] === 'string' ? opts[name] : process.env[env];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
      console.error(`--${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const logSize = whole('log-size', 'SIM_LOG_SIZE', 1, 100_000);
  const logBodyBytes = whole('log-body-bytes', 'SIM_LOG_BODY_BYTES', 0, 1024 * 1024);
  startSimulator({
    port,
    host: typeof opts.host === 'string' ? opts.host : '127.0.0.1',
    scenario,
    ...(typeof opts['data-dir'] === 'string' ? { dataDir: opts['data-dir'] } : {}),
    reset: opts.reset === true,
    control: opts.control === true || process.env.SIM_CONTROL === '1',
    enhancedAuth: opts['enhanced-auth'] === true,
    guidTimeoutHours: guid,
    ...(maxRequestBytes === undefined ? {} : { maxRequestBytes }),
    ...(logSize === undefined ? {} : { logSize }),
    ...(logBodyBytes === undefined ? {} : { logBodyBytes }),
  })
    .then((sim) => {
      const mb = Math.round(process.memoryUsage().rss / 1024 / 1024);
      console.log(
        `Spectrum simulator listening on ${sim.url} (scenario ${sim.store.getMeta('scenario')}, rss ${mb} MB)`,
      );
      if (opts.control === true || process.env.SIM_CONTROL === '1')
        console.log(`console and control API: ${sim.url}/__sim/`);
      const stop = (): void => {
        sim.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(`could not start: ${(error as Error).message}`);
      process.exit(1);
    });
}

main();
