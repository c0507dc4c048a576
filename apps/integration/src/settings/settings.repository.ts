import type { GeneralSettings, TemplateJob } from '@bridge/rules';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { type CurrentClient, type TxClient } from '../platform/db/transactions.js';
import { memoRead } from '../platform/runtime/read-memo.js';

export const AUTH_MODES = ['none', 'basic', 'oauth'] as const;
export const INFOLINK_MODES = ['http', 'sql'] as const;
export type InfoLinkMode = (typeof INFOLINK_MODES)[number];

/** PROD-8: where Info-Link tables are read from; the password stays sealed. */
export interface StoredInfoLink {
  mode: InfoLinkMode;
  host: string | null;
  port: number | null;
  database: string | null;
  login: string | null;
  passwordEnc: string | null;
}
export type AuthMode = (typeof AUTH_MODES)[number];
export type ConnectionStatus = 'connected' | 'not_connected';

/** The settings singleton as the service sees it (secrets still sealed). */
export interface StoredSettings {
  serviceUrl: string | null;
  companyCode: string | null;
  serviceUser: string | null;
  authMode: AuthMode;
  servicePasswordEnc: string | null;
  clientSecretEnc: string | null;
  connectionStatus: ConnectionStatus;
  connectionCheckedAt: Date | null;
  connectionError: string | null;
  connectedAt: Date | null;
  /** LIM-2: the one "Spectrum Standard Cost Codes" list, once the cost code sync created it. */
  standardCostCodeListId: string | null;
  general: GeneralSettings;
  templateJob: TemplateJob | null;
  vendorTypeFilter: string[];
  caBundle: string | null;
  infoLink: StoredInfoLink;
  /** OPS-11: the shared Spectrum call limit. */
  spectrumMaxConcurrentCalls: number;
  spectrumCallsPerSecond: number;
}

/** The columns a settings change may write (undefined = unchanged). */
export interface SettingsPatch {
  serviceUrl?: string | null;
  companyCode?: string | null;
  serviceUser?: string | null;
  authMode?: AuthMode;
  servicePasswordEnc?: string | null;
  clientSecretEnc?: string | null;
  connectionStatus?: ConnectionStatus;
  connectionCheckedAt?: Date | null;
  connectionError?: string | null;
  connectedAt?: Date | null;
  general?: Partial<GeneralSettings>;
  templateJob?: TemplateJob | null;
  vendorTypeFilter?: string[];
  caBundle?: string | null;
  infoLink?: Partial<StoredInfoLink>;
  spectrumMaxConcurrentCalls?: number;
  spectrumCallsPerSecond?: number;
}

type Row = NonNullable<Awaited<ReturnType<PrismaClient['integrationSettings']['findUnique']>>>;

const toStored = (r: Row): StoredSettings => ({
  serviceUrl: r.serviceUrl,
  companyCode: r.companyCode,
  serviceUser: r.serviceUser,
  authMode: (AUTH_MODES as readonly string[]).includes(r.authMode) ? (r.authMode as AuthMode) : 'none',
  servicePasswordEnc: r.servicePasswordEnc,
  clientSecretEnc: r.clientSecretEnc,
  connectionStatus: r.connectionStatus === 'connected' ? 'connected' : 'not_connected',
  connectionCheckedAt: r.connectionCheckedAt,
  connectionError: r.connectionError,
  connectedAt: r.connectedAt,
  standardCostCodeListId: r.standardCostCodeListId,
  general: {
    usePmContractNumber: r.usePmContractNumber,
    usePmChangeOrderNumber: r.usePmChangeOrderNumber,
    autoAddCostCodesToBudgets: r.autoAddCostCodes,
    budgetDirectCosts: r.budgetDirectCosts as GeneralSettings['budgetDirectCosts'],
    vendors: r.vendorUpdates as GeneralSettings['vendors'],
  },
  templateJob: (r.templateJob as TemplateJob | null) ?? null,
  vendorTypeFilter: r.vendorTypeFilter,
  caBundle: r.caBundle,
  infoLink: {
    mode: r.infoLinkMode === 'sql' ? 'sql' : 'http',
    host: r.infoLinkHost,
    port: r.infoLinkPort,
    database: r.infoLinkDatabase,
    login: r.infoLinkLogin,
    passwordEnc: r.infoLinkPasswordEnc,
  },
  spectrumMaxConcurrentCalls: r.spectrumMaxConcurrentCalls,
  spectrumCallsPerSecond: r.spectrumCallsPerSecond,
});

function toData(p: SettingsPatch): Prisma.IntegrationSettingsUpdateInput {
  const g = p.general ?? {};
  const data: Prisma.IntegrationSettingsUpdateInput = {
    serviceUrl: p.serviceUrl,
    companyCode: p.companyCode,
    serviceUser: p.serviceUser,
    authMode: p.authMode,
    servicePasswordEnc: p.servicePasswordEnc,
    clientSecretEnc: p.clientSecretEnc,
    connectionStatus: p.connectionStatus,
    connectionCheckedAt: p.connectionCheckedAt,
    connectionError: p.connectionError,
    connectedAt: p.connectedAt,
    usePmContractNumber: g.usePmContractNumber,
    usePmChangeOrderNumber: g.usePmChangeOrderNumber,
    autoAddCostCodes: g.autoAddCostCodesToBudgets,
    budgetDirectCosts: g.budgetDirectCosts,
    vendorUpdates: g.vendors,
    vendorTypeFilter: p.vendorTypeFilter,
    caBundle: p.caBundle,
    infoLinkMode: p.infoLink?.mode,
    infoLinkHost: p.infoLink?.host,
    infoLinkPort: p.infoLink?.port,
    infoLinkDatabase: p.infoLink?.database,
    infoLinkLogin: p.infoLink?.login,
    infoLinkPasswordEnc: p.infoLink?.passwordEnc,
    spectrumMaxConcurrentCalls: p.spectrumMaxConcurrentCalls,
    spectrumCallsPerSecond: p.spectrumCallsPerSecond,
  };
  if (p.templateJob !== undefined) {
    data.templateJob =
      p.templateJob === null ? Prisma.DbNull : (p.templateJob as unknown as Prisma.InputJsonValue);
  }
  return data;
}

/** The integration settings singleton (id 1, GEN-1) and the few facts about synced data that settings rules need. */
@Injectable()
export class SettingsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: CurrentClient) {}

  /** The current transaction's client, or the plain client outside a transaction. */
  private get db(): TxClient {
    return this.txHost.tx;
  }

  /** Creates the singleton with the environment's defaults when it does not exist yet (safe with several instances). */
  async ensure(defaults: { serviceUrl?: string; companyCode?: string }): Promise<void> {
    await this.db.integrationSettings.createMany({
      data: [
        {
          id: 1,
          serviceUrl: defaults.serviceUrl ?? null,
          companyCode: defaults.companyCode?.toUpperCase() ?? null,
        },
      ],
      skipDuplicates: true,
    });
  }

  /**
   * The singleton as stored, or null before it was ever written (nothing is created); read once per unit of work
   * within `withReadMemo`.
   */
  find(): Promise<StoredSettings | null> {
    return memoRead('settings', this.txHost.isTransactionActive(), async () => {
      const r = await this.db.integrationSettings.findUnique({ where: { id: 1 } });
      return r ? toStored(r) : null;
    });
  }

  async get(): Promise<StoredSettings> {
    const stored = await this.find();
    if (stored) return stored;
    await this.ensure({});
    const created = await this.db.integrationSettings.findUniqueOrThrow({ where: { id: 1 } });
    return toStored(created);
  }

  /** Reads the row for update (the caller's transaction holds it until commit). */
  async getForUpdate(): Promise<StoredSettings> {
    await this.db.$executeRawUnsafe('SELECT 1 FROM "IntegrationSettings" WHERE "id" = 1 FOR UPDATE');
    return this.get();
  }

  async update(patch: SettingsPatch): Promise<StoredSettings> {
    const r = await this.db.integrationSettings.update({ where: { id: 1 }, data: toData(patch) });
    return toStored(r);
  }

  /** LIM-2: names the one "Spectrum Standard Cost Codes" list in the settings (creating the singleton if missing). */
  async nameStandardCostCodeList(listId: string): Promise<void> {
    const s = await this.db.integrationSettings.findUnique({
      where: { id: 1 },
      select: { standardCostCodeListId: true },
    });
    if (!s) {
      await this.db.integrationSettings.create({ data: { id: 1, standardCostCodeListId: listId } });
    } else if (s.standardCostCodeListId !== listId) {
      await this.db.integrationSettings.update({
        where: { id: 1 },
        data: { standardCostCodeListId: listId },
      });
    }
  }

  /** GEN-1: whether anything was ever synced with the current Spectrum company (a link or a snapshot record). */
  async hasSyncedData(): Promise<boolean> {
    const link = await this.db.syncLink.findFirst({ select: { id: true } });
    if (link) return true;
    const record = await this.db.spectrumRecord.findFirst({ select: { key: true } });
    return record !== null;
  }

  /**
   * GEN-5: vendor types with synced data: the types of vendor snapshot records (kind `vendor`, type in the row's
   * `type` field as the Info-Link vendor master names it, or `vendorType`) whose vendor link is `synced`.
   */
  async vendorTypesWithSyncedData(): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ t: string }[]>(
      `SELECT DISTINCT upper(trim(coalesce(r."data"->>'type', r."data"->>'vendorType'))) AS t
         FROM "SpectrumRecord" r
         JOIN "SyncLink" l ON l."type" = 'vendor' AND l."spectrumKey" = r."key" AND l."state" = 'synced'
        WHERE r."kind" = 'vendor'`,
    );
    return rows.map((r) => r.t).filter((t): t is string => typeof t === 'string' && t !== '');
  }

  /** The vendor types seen in Spectrum's vendor list at the last vendor sync (for the filter's choices). */
  async knownVendorTypes(): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<{ t: string }[]>(
      `SELECT DISTINCT upper(trim(coalesce("data"->>'type', "data"->>'vendorType'))) AS t
         FROM "SpectrumRecord"
        WHERE "kind" = 'vendor' AND "vanishedAt" IS NULL
        ORDER BY 1`,
    );
    return rows.map((r) => r.t).filter((t): t is string => typeof t === 'string' && t !== '');
  }
}
