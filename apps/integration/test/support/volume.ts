/**
 * A realistic volume of data written in bulk (multi-row inserts through Prisma's `createMany`), for the API benchmark
 * and the statement-count tests: projects with cost codes and budgets, companies, commitments with lines, prime
 * contracts, export requests in every state, staged Spectrum jobs and vendors, audit events, sync runs.
 */
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export interface VolumeOptions {
  projects: number;
  companies: number;
  commitments: number;
  linesPerCommitment: number;
  exportRequests: number;
  staged: number;
  auditEvents: number;
  syncRuns: number;
  primeContracts: number;
}

export const BENCH_VOLUME: VolumeOptions = {
  projects: 2_000,
  companies: 2_000,
  commitments: 10_000,
  linesPerCommitment: 3,
  exportRequests: 100_000,
  staged: 4_000,
  auditEvents: 50_000,
  syncRuns: 1_000,
  primeContracts: 500,
};

/** What the seeded data offers to read: one id of each kind (from the middle of its table). */
export interface Volume {
  userId: string;
  projectId: string;
  companyId: string;
  commitmentId: string;
  commitmentChangeOrderId: string;
  primeContractId: string;
  primeContractChangeOrderId: string;
  budgetChangeId: string;
  exportRequestId: string;
  importableId: string;
  syncRunId: string;
  costCodeListId: string;
}

const CODES = ['010000', '013100', '015000', '024100', '031000', '033000', '042000', '051200'];
const REQUEST_STATES = ['ready_to_export', 'exporting', 'synced', 'rejected', 'failed', 'retrieved'] as const;
const REQUEST_TYPES = [
  'commitment',
  'project',
  'company',
  'budget',
  'budget_change',
  'commitment_change_order',
  'prime_contract_change_order',
  'forecast',
] as const;

/** Sorted v4 ids would page in insertion order only by chance; ids here sort like the service's uuid v7 ones. */
function idFactory(): () => string {
  let n = 0;
  const base = Date.now();
  return () => {
    const t = (base + n++).toString(16).padStart(12, '0');
    const r = randomUUID().replace(/-/g, '');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(13, 16)}-${r.slice(16, 20)}-${r.slice(20, 32)}`;
  };
}

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>, size = 2_000) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

const mid = <T>(list: readonly T[]): T => list[Math.floor(list.length / 2)] as T;

export async function seedVolume(
  prisma: PrismaClient,
  userId: string,
  o: VolumeOptions = BENCH_VOLUME,
): Promise<Volume> {
  const id = idFactory();
  const list = await prisma.costCodeList.create({
    data: { name: `Volume cost codes ${randomUUID().slice(0, 8)}`, spectrumTag: null },
  });
  await prisma.costCode.createMany({
    data: CODES.map((code) => ({ listId: list.id, code, description: `Code ${code}` })),
  });

  const projects = Array.from({ length: o.projects }, (_, i) => ({
    id: id(),
    name: `Volume project ${i + 1}`,
    number: `VP-${String(i + 1).padStart(5, '0')}`,
    city: 'Springfield',
    costCodeListId: list.id,
  }));
  await inBatches(projects, (data) => prisma.project.createMany({ data }));
  const projectCodes = projects.flatMap((p) =>
    CODES.slice(0, 4).map((code) => ({ id: id(), projectId: p.id, code, description: `Code ${code}` })),
  );
  await inBatches(projectCodes, (data) => prisma.projectCostCode.createMany({ data }));
  await inBatches(
    projectCodes.map((c) => ({ projectCostCodeId: c.id, costType: 'S', syncedWithSpectrum: true })),
    (data) => prisma.projectCostType.createMany({ data }),
  );
  const budgets = projects.map((p) => ({ id: id(), projectId: p.id }));
  await inBatches(budgets, (data) => prisma.budget.createMany({ data }));
  await inBatches(
    budgets.flatMap((b) =>
      CODES.slice(0, 4).map((costCode, k) => ({
        budgetId: b.id,
        costCode,
        costType: 'S',
        amountCents: BigInt((k + 1) * 1_000_00),
      })),
    ),
    (data) => prisma.budgetLine.createMany({ data }),
  );
  const changes = projects.slice(0, Math.min(200, projects.length)).map((p, i) => ({
    id: id(),
    projectId: p.id,
    number: `BC-${i + 1}`,
    title: 'Scope change',
  }));
  await prisma.budgetChange.createMany({ data: changes });
  await prisma.budgetChangeLine.createMany({
    data: changes.map((c) => ({
      budgetChangeId: c.id,
      position: 0,
      costCode: CODES[0] as string,
      costType: 'S',
      amountCents: 50_000n,
    })),
  });

  const companies = Array.from({ length: o.companies }, (_, i) => ({
    id: id(),
    name: `Volume Vendor ${i + 1}`,
    city: 'Shelbyville',
    vendorType: 'SUB',
  }));
  await inBatches(companies, (data) => prisma.company.createMany({ data }));

  const commitments = Array.from({ length: o.commitments }, (_, i) => ({
    id: id(),
    projectId: (projects[i % projects.length] as { id: string }).id,
    companyId: (companies[(i * 7) % companies.length] as { id: string }).id,
    kind: i % 4 === 0 ? 'purchase_order' : 'subcontract',
    number: `SC-${String(i + 1).padStart(6, '0')}`,
    title: `Package ${i + 1}`,
    status: 'approved',
    contractDate: '2026-02-20',
  }));
  await inBatches(commitments, (data) => prisma.commitment.createMany({ data }));
  await inBatches(
    commitments.flatMap((c) =>
      Array.from({ length: o.linesPerCommitment }, (_, k) => ({
        commitmentId: c.id,
        position: k,
        costCode: CODES[k % CODES.length] as string,
        costType: 'S',
        description: `Line ${k + 1}`,
        amountCents: BigInt((k + 1) * 100_001),
      })),
    ),
    (data) => prisma.commitmentLine.createMany({ data }),
  );
  const ccos = commitments.slice(0, Math.min(500, commitments.length)).map((c) => ({
    id: id(),
    commitmentId: c.id,
    number: 'CO-1',
    title: 'Extra work',
    status: 'approved',
  }));
  await prisma.commitmentChangeOrder.createMany({ data: ccos });
  await prisma.commitmentChangeOrderLine.createMany({
    data: ccos.map((c) => ({
      changeOrderId: c.id,
      position: 0,
      costCode: CODES[0] as string,
      costType: 'S',
      amountCents: 10_000n,
    })),
  });

  const contracts = projects.slice(0, Math.min(o.primeContracts, projects.length)).map((p, i) => ({
    id: id(),
    projectId: p.id,
    jobNumber: `VJ-${String(i + 1).padStart(5, '0')}`,
    customerCode: 'C100',
    title: `Prime contract ${i + 1}`,
    originalContractCents: 1_000_000_00n,
  }));
  await inBatches(contracts, (data) => prisma.primeContract.createMany({ data }));
  await inBatches(
    contracts.map((c) => ({ primeContractId: c.id, billingItem: '1', amountCents: 1_000_000_00n })),
    (data) => prisma.primeContractLine.createMany({ data }),
  );
  const pccos = contracts.slice(0, 100).map((c) => ({
    id: id(),
    primeContractId: c.id,
    number: 'PCO-1',
    title: 'Owner change',
    status: 'pending',
  }));
  await prisma.primeContractChangeOrder.createMany({ data: pccos });

  // links: most projects and companies synced; commitments half synced; staged Spectrum jobs and vendors
  const links = [
    ...projects.slice(0, Math.floor(projects.length * 0.75)).map((p, i) => ({
      id: id(),
      type: 'job',
      pmId: p.id,
      spectrumKey: `VJ-${String(i + 1).padStart(5, '0')}`,
      state: 'synced' as const,
    })),
    ...companies.slice(0, Math.floor(companies.length * 0.75)).map((c, i) => ({
      id: id(),
      type: 'vendor',
      pmId: c.id,
      spectrumKey: `VV${String(i + 1).padStart(6, '0')}`,
      state: 'synced' as const,
    })),
    ...commitments
      .filter((_, i) => i % 2 === 0)
      .map((c, i) => ({
        id: id(),
        type: 'commitment',
        pmId: c.id,
        spectrumKey: `VV${String((i % companies.length) + 1).padStart(6, '0')}/${c.number}`,
        state: 'synced' as const,
      })),
  ];
  const staged = Array.from({ length: o.staged }, (_, i) => ({
    id: id(),
    type: i % 2 === 0 ? 'job' : 'vendor',
    pmId: null,
    spectrumKey: i % 2 === 0 ? `SJ-${String(i).padStart(6, '0')}` : `SV${String(i).padStart(6, '0')}`,
    state: 'ready_to_import' as const,
  }));
  await inBatches([...links, ...staged], (data) => prisma.syncLink.createMany({ data }));
  const now = new Date();
  await inBatches(
    staged.map((s) => ({
      kind: s.type,
      key: s.spectrumKey,
      hash: 'h',
      data:
        s.type === 'job'
          ? {
              jobNumber: s.spectrumKey,
              jobDescription: `Staged job ${s.spectrumKey}`,
              statusCode: 'A',
              customerCode: 'C100',
              division: '1',
              costCenter: 'NOR',
              priceMethodCode: 'F',
              projectManager: 'JSMITH',
              masterJob: '',
              address1: '',
              city: '',
              state: '',
              zipCode: '',
            }
          : {
              vendorCode: s.spectrumKey,
              vendorName: `Staged vendor ${s.spectrumKey}`,
              status: 'A',
              type: 'SUB',
              address1: '',
              address2: '',
              city: '',
              state: '',
              zipCode: '',
              phone: '',
              faxPhone: '',
              email: '',
              contactName: '',
            },
      firstSeenAt: now,
      changedAt: now,
    })),
    (data) => prisma.spectrumRecord.createMany({ data }),
  );

  const requests = Array.from({ length: o.exportRequests }, (_, i) => {
    const type = i < commitments.length ? 'commitment' : (REQUEST_TYPES[i % REQUEST_TYPES.length] as string);
    const state = REQUEST_STATES[i % REQUEST_STATES.length] as (typeof REQUEST_STATES)[number];
    const itemId =
      type === 'commitment'
        ? (commitments[i % commitments.length] as { id: string }).id
        : type === 'project'
          ? (projects[i % projects.length] as { id: string }).id
          : type === 'company'
            ? (companies[i % companies.length] as { id: string }).id
            : id();
    const accepted = state === 'exporting' || state === 'synced' || state === 'failed';
    return {
      id: id(),
      type,
      itemId,
      state,
      payload: {
        item: { id: itemId, title: `Item ${i}` },
        linkType: type,
        previousLinkState: null,
        carriedKey: null,
      },
      sentById: userId,
      sentAt: now,
      ...(accepted
        ? {
            decidedById: userId,
            decidedAt: now,
            spectrumKey: `KEY-${i}`,
            keyFields: { key: `KEY-${i}` },
          }
        : {}),
      ...(state === 'rejected' ? { decidedById: userId, decidedAt: now, rejectReason: 'Not now' } : {}),
      ...(state === 'failed' ? { lastError: 'Spectrum refused the export.', lastErrorKind: 'spectrum' } : {}),
    };
  });
  await inBatches(requests, (data) => prisma.exportRequest.createMany({ data }), 5_000);

  await inBatches(
    Array.from({ length: o.auditEvents }, (_, i) => ({
      id: id(),
      at: new Date(now.getTime() - (o.auditEvents - i) * 1000),
      actorId: userId,
      action: i % 3 === 0 ? 'export.accept' : 'commitment.update',
      itemType: 'commitment',
      itemId: (commitments[i % commitments.length] as { id: string }).id,
      before: { title: 'Before' },
      after: { title: 'After' },
    })),
    (data) => prisma.auditEvent.createMany({ data }),
    5_000,
  );
  const runs = Array.from({ length: o.syncRuns }, (_, i) => ({
    id: id(),
    group: (['cost_codes', 'vendors', 'jobs'] as const)[i % 3] as 'cost_codes' | 'vendors' | 'jobs',
    trigger: 'schedule',
    status: 'succeeded' as const,
    startedAt: new Date(now.getTime() - (o.syncRuns - i) * 60_000),
    endedAt: new Date(now.getTime() - (o.syncRuns - i) * 60_000 + 5_000),
    read: 100,
    unchanged: 100,
  }));
  await inBatches(runs, (data) => prisma.syncRun.createMany({ data }));

  return {
    userId,
    projectId: mid(projects.slice(0, Math.floor(projects.length * 0.75))).id,
    companyId: mid(companies).id,
    commitmentId: mid(commitments).id,
    commitmentChangeOrderId: mid(ccos).id,
    primeContractId: mid(contracts).id,
    primeContractChangeOrderId: mid(pccos).id,
    budgetChangeId: mid(changes).id,
    exportRequestId: (
      requests.find((r, i) => i > requests.length / 2 && r.state === 'synced') ?? mid(requests)
    ).id,
    importableId: mid(staged).id,
    syncRunId: mid(runs).id,
    costCodeListId: list.id,
  };
}
