import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportProgress } from '../src/exports/export-progress.js';
import { ExportVerifier } from '../src/exports/verification/export-verifier.service.js';
import { type ExportEnv, startExportEnv } from './support/exports.js';

let e: ExportEnv;
let projectId: string;
let companyId: string;

beforeAll(async () => {
  e = await startExportEnv();
  projectId = await e.linkedProject('24-101');
  companyId = await e.linkedCompany('BAYPLB');
}, 120_000);
afterAll(async () => {
  await e?.close();
});

describe('the read-back after an export does not hold the next one (VER-4)', () => {
  it('VER-4: while one export is being read back, a drain started by the next accept works that export at once', async () => {
    const verifier = e.t.app.get(ExportVerifier);
    const progress = e.t.app.get(ExportProgress);
    const original = verifier.verify.bind(verifier);
    // the first read-back waits until the test lets it go
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const readBackStarted = new Promise<void>((r) => {
      started = r;
    });
    let calls = 0;
    verifier.verify = (async (...args: Parameters<typeof verifier.verify>) => {
      if (calls++ === 0) {
        started();
        await held;
      }
      return original(...args);
    }) as typeof verifier.verify;
    try {
      const first = await e.send('commitment', await e.commitment(projectId, companyId, { number: 'SC-V1' }));
      expect((await e.accept(first)).status).toBe(200);
      const firstDrain = e.worker.drain();
      await readBackStarted;

      const second = await e.send(
        'commitment',
        await e.commitment(projectId, companyId, { number: 'SC-V2' }),
      );
      const secondSynced = firstValueFrom(
        progress
          .of(second)
          .pipe(filter((ev) => ev.kind === 'state' && 'state' in ev && ev.state === 'synced')),
      );
      expect((await e.accept(second)).status).toBe(200);
      // what an accept's kick does: the first drain's lanes are done, so this one claims the second export now
      const secondDrain = e.worker.drain();
      await secondSynced;
      const states = await e.t.prisma.exportRequest.findMany({
        where: { id: { in: [first, second] } },
        select: { id: true, state: true, verificationState: true },
      });
      expect(states.find((s) => s.id === first)).toMatchObject({ state: 'synced', verificationState: null });
      expect(states.find((s) => s.id === second)?.state).toBe('synced');

      release();
      expect(await firstDrain).toBe(1);
      expect(await secondDrain).toBe(1);
      const verified = await e.t.prisma.exportRequest.findUniqueOrThrow({ where: { id: first } });
      expect(verified.verificationState).toBe('verified');
    } finally {
      release();
      verifier.verify = original;
    }
  });
});
