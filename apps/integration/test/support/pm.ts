import type { ItemType, SyncState } from '@bridge/rules';
import request from 'supertest';
import { Prisma } from '../../src/generated/prisma/client.js';
import { LinksRepository } from '../../src/links/links.repository.js';
import { bearer, PM, type TestApp } from './app.js';

/** Test set-up for the PM-side features: the Spectrum list, integration settings and sync links. */

export const TEMPLATE_JOB = {
  jobNumber: 'TEMPLATE',
  division: '01',
  costCenter: 'CC1',
  customerCode: 'CUST1',
  taxable: false,
  priceMethodCode: 'F',
};

/** The "Spectrum Standard Cost Codes" list with these codes, and the settings that name it (LIM-2, WBS-1). */
export async function seedIntegration(
  t: TestApp,
  options: {
    codes?: [string, string][];
    connectedAt?: Date | null;
    templateJob?: boolean;
  } = {},
): Promise<{ listId: string }> {
  const list = await t.prisma.costCodeList.upsert({
    where: { name: 'Spectrum Standard Cost Codes' },
    create: { name: 'Spectrum Standard Cost Codes', spectrumTag: 'spectrum' },
    update: {},
  });
  for (const [code, description] of options.codes ?? [
    ['013100', 'Project management'],
    ['033000', 'Cast-in-place concrete'],
    ['092900', 'Gypsum board'],
  ]) {
    await t.prisma.costCode.upsert({
      where: { listId_code: { listId: list.id, code } },
      create: { listId: list.id, code, description },
      update: {},
    });
  }
  const connectedAt =
    options.connectedAt === undefined ? new Date('2026-01-01T00:00:00Z') : options.connectedAt;
  const settings = {
    companyCode: 'BR1',
    connectionStatus: connectedAt ? 'connected' : 'not_connected',
    connectedAt,
    standardCostCodeListId: list.id,
    templateJob: options.templateJob === false ? Prisma.DbNull : TEMPLATE_JOB,
  };
  await t.prisma.integrationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...settings },
    update: settings,
  });
  return { listId: list.id };
}

/** Writes the sync link of a PM item, as the import and export flows do. */
export function setLink(
  t: TestApp,
  type: ItemType,
  pmId: string,
  state: SyncState,
  spectrumKey: string | null = null,
  lastError: string | null = null,
) {
  return t.app.get(LinksRepository).upsertForItem(type, pmId, {
    state,
    spectrumKey,
    lastError,
    lastSyncedAt: state === 'synced' ? new Date('2026-03-01T12:00:00Z') : null,
  });
}

export async function createCompany(t: TestApp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await request(t.http)
    .post('/api/v1/companies')
    .set(bearer(PM))
    .send({ name: 'Acme Drywall', ...body })
    .expect(201);
  return res.body.id as string;
}

export async function createProject(t: TestApp, body: Record<string, unknown> = {}): Promise<string> {
  const res = await request(t.http)
    .post('/api/v1/projects')
    .set(bearer(PM))
    .send({ name: 'Main Street Clinic', ...body })
    .expect(201);
  return res.body.id as string;
}

export const codesOf = (reasons: { code: string }[]) => reasons.map((r) => r.code);

/** The reasons of one action in an item's `blockedBy` (API-4), or undefined when the action is available. */
export function blockedReasons(
  item: { blockedBy: { action: string; reasons: { code: string }[] }[] },
  action: string,
): string[] | undefined {
  const b = item.blockedBy.find((x) => x.action === action);
  return b ? codesOf(b.reasons) : undefined;
}
