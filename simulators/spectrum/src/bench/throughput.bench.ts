/**
 * Throughput benchmark: runs the simulator as a child process (its own core) and drives it over
 * loopback with a keep-alive client. Prints requests/s for GetPhase returning 500 rows (+ W row)
 * and for a small Put (AddPhase upsert), then the RSS of a simulator holding a 200,000-row company.
 * Bounded in time: each phase runs BENCH_SECONDS (default 5) seconds. Besides wall-clock req/s it
 * prints requests per CPU-second of the server process: what one core sustains when the client and
 * other work on the machine do not compete for it.
 *
 * The console part: on the large company, the time of a console table page (first page, pages further on, a
 * filtered page, a search, a record with its related records) against the 200 ms target, and the request log's
 * memory after N and after several times N calls with 368 KB replies (bounded: it keeps N calls, bodies cut).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RequestLog } from '../server/request-log.js';

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

async function getJson(url: string): Promise<{ ms: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const res = await fetch(url);
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  return `p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms (${times.length} pages)`;
}

/** Console table pages on the large company (200,000 phase rows), as the console asks for them. */
async function consolePages(url: string): Promise<void> {
  const base = `${url}/__sim/tables`;
  const first: number[] = [];
  const later: number[] = [];
  await getJson(`${base}/phases?limit=50`); // warm-up: the first call after start prepares the statements
  let cursor: string | null = null;
  for (let i = 0; i < 40; i++) {
    const r = await getJson(`${base}/phases?limit=50${cursor ? `&after=${cursor}` : ''}`);
    (i === 0 ? first : later).push(r.ms);
    cursor = (r.body.nextCursor as string | null) ?? null;
    if (i === 0) {
      // and again: the first page as a returning tester sees it
      for (let j = 0; j < 9; j++) first.push((await getJson(`${base}/phases?limit=50`)).ms);
    }
  }
  const back: number[] = [];
  let prev: string | null = cursor;
  for (let i = 0; i < 10 && prev; i++) {
    const r = await getJson(`${base}/phases?limit=50&before=${prev}`);
    back.push(r.ms);
    prev = (r.body.prevCursor as string | null) ?? null;
  }
  const jobs = (await getJson(`${base}/jobs?limit=500`)).body.rows as Record<string, string>[];
  const filtered: number[] = [];
  const records: number[] = [];
  for (const job of jobs.filter((_, i) => i % 50 === 0)) {
    filtered.push(
      (await getJson(`${base}/phases?limit=50&Job_Number=${encodeURIComponent(job.Job_Number ?? '')}`)).ms,
    );
    records.push(
      (
        await getJson(
          `${base}/jobs/record?Company_Code=GEN&Job_Number=${encodeURIComponent(job.Job_Number ?? '')}`,
        )
      ).ms,
    );
  }
  const searches: number[] = [];
  // a term on every row, one on a few hundred, one on a job's rows, and one on none (reads the whole table)
  for (const q of ['Standard phase', 'phase 17', '20-00999', 'zzz-nothing']) {
    searches.push((await getJson(`${base}/phases?limit=50&q=${encodeURIComponent(q)}`)).ms);
  }
  const pages = [...first, ...later, ...back, ...filtered, ...records];
  const worst = Math.max(...pages);
  console.log(
    'console table pages on the large company (200,000 phase rows), 50 rows a page, over loopback:',
  );
  console.log(`  phases, first page:            ${stats(first)}`);
  console.log(`  phases, next pages (keyset):   ${stats(later)}`);
  console.log(`  phases, previous pages:        ${stats(back)}`);
  console.log(`  phases of one job (filter):    ${stats(filtered)}`);
  console.log(`  a job with related records:    ${stats(records)}`);
  console.log(
    `  slowest page (browse, filter, record): ${worst.toFixed(1)} ms — target <= 200 ms${worst <= 200 ? ' (met)' : ' (NOT met)'}`,
  );
  console.log(
    `  phases, search (4 terms):      ${stats(searches)} — a term on few rows reads all 200,000 (no search index)`,
  );
  console.log(
    `  load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${cpus().length} cores`,
  );
}

/** The request log's memory: after N calls with 368 KB replies and after several times N, with N kept. */
async function logMemory(): Promise<void> {
  const size = Number(process.env.BENCH_LOG_SIZE ?? 1000);
  const server = await startServer(['--scenario', 'demo', '--control', '--log-size', String(size)]);
  try {
    const body = soap('GetPhase', {
      pCompany_Code: 'ABC',
      pCost_Type: '',
      pJob_Number: '24-105',
      pStatus_Code: '',
      pCost_Center: '',
      pSort_By: '',
    });
    const summary = async () =>
      (await getJson(`${server.url}/__sim/requests/summary`)).body as {
        size: number;
        total: number;
        bodyLimit: number;
        bodyBytes: number;
        memory: { rss: number; heapUsed: number };
      };
    const rows: string[] = [];
    const rssBefore = rssMb(server.child.pid ?? 0);
    for (let round = 1; round <= 6; round++) {
      await drive(server.url, 'GetPhase', () => body);
      const s = await summary();
      rows.push(
        `  after ${s.total.toLocaleString('en-US')} calls: ${s.size.toLocaleString('en-US')} kept, bodies ${(s.bodyBytes / 1024 / 1024).toFixed(1)} MB, server heap ${s.memory.heapUsed} MB, RSS ${s.memory.rss} MB`,
      );
    }
    const s = await summary();
    const bound = (2 * s.bodyLimit * size) / 1024 / 1024;
    console.log(
      `request log (N = ${size}, bodies cut at ${s.bodyLimit / 1024} KiB; GetPhase replies of ~368 KB); server RSS ${rssBefore} MB before:`,
    );
    for (const r of rows) console.log(r);
    console.log(
      `  bodies bounded by N x 2 x the limit = ${bound.toFixed(1)} MB: ${s.size <= size && s.bodyBytes <= bound * 1024 * 1024 ? 'held' : 'NOT held'}`,
    );
  } finally {
    server.child.kill();
  }
  // the log alone, in this process, with a full collection before each reading: its own heap, not the GC's slack
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const reply = Buffer.from(
    `<returnData>${'<response><Phase_Code>010000</Phase_Code></response>'.repeat(7000)}`,
  );
  const request = `<soap:Envelope><soap:Body><GetPhase><Authorization_ID>BRIDGEDEMO</Authorization_ID></GetPhase></soap:Body></soap:Envelope>`;
  const log = new RequestLog(size);
  gc();
  const base = process.memoryUsage().heapUsed;
  const readings: string[] = [];
  for (let i = 1; i <= 10 * size; i++) {
    log.add({
      time: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      concurrent: 1,
      method: 'POST',
      path: '/ws/GetPhase',
      service: 'GetPhase',
      status: 200,
      durationMs: 1,
      outcome: 'ok',
      identity: 'auth ID BR…MO',
      rows: 500,
      request: { headers: { 'content-type': 'text/xml' }, body: request },
      response: { contentType: 'text/xml', body: reply },
    });
    if (i === size || i === 2 * size || i === 5 * size || i === 10 * size) {
      gc();
      readings.push(
        `${i.toLocaleString('en-US')} calls: ${((process.memoryUsage().heapUsed - base) / 1024 / 1024).toFixed(1)} MB`,
      );
    }
  }
  console.log(
    `  the log's own heap (in process, after a full GC; ${Math.round(reply.length / 1024)} KB replies): ${readings.join(', ')} — flat once N calls are kept`,
  );
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
  const large = await startServer(['--scenario', 'large', '--control']);
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
    await consolePages(large.url);
  } finally {
    large.child.kill();
  }
  await logMemory();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
