import { PUT_FIELDS, type PutServiceName } from '@bridge/rules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportEnv, SUB_LINES, startExportEnv } from './support/exports.js';

let e: ExportEnv;

beforeAll(async () => {
  e = await startExportEnv();
});
afterAll(async () => {
  await e?.close();
});

/** The Put requests the simulator received for a service, as field → text in body order. */
async function received(service: PutServiceName): Promise<[string, string][][]> {
  const res = await fetch(`${e.sim.url}/__sim/requests/download?service=${service}`);
  const details = (await res.text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { request: { body: string; truncated: boolean } });
  return details.map(({ request }) => {
    expect(request.truncated).toBe(false);
    const body = request.body;
    const inner = body.slice(body.indexOf('</GUID>') + '</GUID>'.length, body.lastIndexOf('</soap:Body>'));
    return [...inner.matchAll(/<([A-Za-z_]\w*)>([^<]*)<\/\1>|<([A-Za-z_]\w*)\/>/g)]
      .map((m): [string, string] => (m[1] ? [m[1], m[2] ?? ''] : [m[3]!, '']))
      .filter(([name]) => name !== service);
  });
}

describe('one write path: the worker sends the stored step input as it is', () => {
  it('each Put carries exactly the step input the rules produced at accept, in the table order, nothing re-formatted', async () => {
    const projectId = await e.linkedProject('24-101');
    const companyId = await e.linkedCompany('BAYPLB');
    // an amount below one dollar: the rules write `.55`, a parse-and-format round trip would have sent `0.55`
    const lines = [{ ...SUB_LINES[0]!, amountCents: 55 }, ...SUB_LINES.slice(1)];
    const id = await e.commitment(projectId, companyId, { lines });
    const requestId = await e.send('commitment', id);
    expect((await e.accept(requestId)).status).toBe(200);
    await e.drain();

    const steps = await e.t.prisma.exportStep.findMany({ where: { requestId }, orderBy: { seq: 'asc' } });
    expect(steps.map((s) => s.status)).toEqual(steps.map(() => 'done'));
    const sent = {
      UpdateSubcontract: await received('UpdateSubcontract'),
      UpdateSubcontractPhases: await received('UpdateSubcontractPhases'),
    };
    const seen = { UpdateSubcontract: 0, UpdateSubcontractPhases: 0 };
    for (const step of steps) {
      const service = step.service as keyof typeof sent;
      const input = step.input as Record<string, string>;
      const body = sent[service][seen[service]++];
      const table = Object.keys(PUT_FIELDS[service]);
      expect(body?.map(([name]) => name)).toEqual(table);
      expect(Object.fromEntries(body ?? [])).toEqual({
        ...Object.fromEntries(table.map((f) => [f, ''])),
        ...input,
      });
    }
    expect(seen).toEqual({ UpdateSubcontract: 1, UpdateSubcontractPhases: 3 });
    const small = steps.find((s) => (s.input as Record<string, string>).Original_Contract_Amount === '.55');
    expect(small).toBeDefined();
  });
});
