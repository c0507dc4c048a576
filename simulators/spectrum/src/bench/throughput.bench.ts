/**
 * Throughput benchmark: runs the simulator as a child process (its own core) and drives it over
 * loopback with a keep-alive client. Prints requests/s for GetPhase returning 500 rows (+ W row)
 * and for a small Put (AddPhase upsert), then the RSS of a simulator holding a 200,000-row company.
 * Bounded in time: each phase runs BENCH_SECONDS (default 5) seconds. Besides wall-clock req/s it
 * prints requests per CPU-second of the server process: what one core sustains when the client and
 * other work on the machine do not compete for it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli.js');

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(args: string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${out}`)));
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** User + system CPU seconds the process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return ticks / 100;
}

/** Runs `drive` and adds the server's CPU-bound capacity: requests per CPU-second of the server. */
async function measure(
  server: Server,
  service: string,
  body: (i: number) => string,
): Promise<{ rps: number; count: number; bytes: number; errors: number; perCpuSecond: number }> {
  const pid = server.child.pid ?? 0;
  const before = cpuSeconds(pid);
  const r = await drive(server.url, service, body);
  const used = cpuSeconds(pid) - before;
  return { ...r, perCpuSecond: Math.round(r.count / Math.max(used, 0.01)) };
}

function soap(service: string, fields: Record<string, string>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => (v === '' ? `<${k}/>` : `<${k}>${v}</${k}>`))
    .join('');
  return `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${service} xmlns="http://www.northgate-is.com/proiv/webservices/types"><Authorization_ID>BRIDGEDEMO</Authorization_ID><GUID/>${inner}</${service}></soap:Body></soap:Envelope>`;
}

async function drive(
  url: string,
  service: string,
  body: (i: number) => string,
): Promise<{ rps: number; count: number; bytes: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(`/ws/${service}`, url);
  const deadline = performance.now() + SECONDS * 1000;
  let count = 0;
  let bytes = 0;
  let errors = 0;
  let seq = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const payload = body(seq++);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            'Content-Length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          res.on('data', (c: Buffer) => {
            bytes += c.length;
          });
          res.on('end', () => {
            if (res.statusCode === 200) count++;
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(payload);
    });
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) await one();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { rps: Math.round(count / elapsed), count, bytes, errors };
}

async function main(): Promise<void> {
  console.log(
    `bench: ${SECONDS}s per phase, ${CONCURRENCY} concurrent keep-alive connections, loopback only`,
  );
  const demo = await startServer(['--scenario', 'demo']);
  try {
    const getBody = soap('GetPhase', {
      pCompany_Code: 'ABC',
      pCost_Type: '',
      pJob_Number: '24-105',
      pStatus_Code: '',
      pCost_Center: '',
      pSort_By: '',
    });
    await drive(demo.url, 'GetPhase', () => getBody); // warm-up
    const get = await measure(demo, 'GetPhase', () => getBody);
    const kb = Math.round(get.bytes / Math.max(1, get.count) / 1024);
    console.log(
      `GetPhase (500 rows + W row, ~${kb} KB/reply): ${get.rps} req/s wall, ${get.perCpuSecond} req per server CPU-second (${get.count} ok, ${get.errors} errors) — target >= 1500`,
    );
    const putBody = (i: number) =>
      soap('AddPhase', {
        Company_Code: 'ABC',
        Job_Number: '24-101',
        Phase_Code: String(900000 + (i % 200)),
        Cost_Type: 'L',
        Description: 'Bench phase',
        Price_Method_Code: 'J',
        Original_Est_Cost: `${1000 + (i % 977)}.25`,
      });
    const put = await measure(demo, 'AddPhase', putBody);
    console.log(
      `AddPhase (small Put, upsert): ${put.rps} req/s wall, ${put.perCpuSecond} req per server CPU-second (${put.count} ok, ${put.errors} errors) — target >= 3000`,
    );
    console.log(`demo simulator RSS after the runs: ${rssMb(demo.child.pid ?? 0)} MB`);
  } finally {
    demo.child.kill();
  }
  const started = performance.now();
  const large = await startServer(['--scenario', 'large']);
  try {
    const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `large scenario (200,000 phase rows, 2,000 jobs, 20,000 vendors) loaded in ${loadSeconds}s; RSS ${rssMb(large.child.pid ?? 0)} MB — target <= 400 MB`,
    );
    const body = soap('GetPhase', {
      pCompany_Code: 'GEN',
      pCost_Type: '',
      pJob_Number: '',
      pStatus_Code: '',
      pCost_Center: '',
      pSort_By: '',
    });
    const get = await measure(large, 'GetPhase', () => body);
    console.log(
      `GetPhase on the large company (all jobs, capped at 500): ${get.rps} req/s wall, ${get.perCpuSecond} per server CPU-second; RSS ${rssMb(large.child.pid ?? 0)} MB`,
    );
  } finally {
    large.child.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
