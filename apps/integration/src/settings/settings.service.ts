import {
  allOf,
  type Check,
  checkTemplateJobInSpectrum,
  checkVendorTypeFilterChange,
  type GeneralSettings,
  lockedVendorTypes,
  SPECTRUM_LIMITS,
  type TemplateJob,
  validateCustomerCode,
  validateJobNumber,
  validateText,
} from '@bridge/rules';
import { SpectrumRowCapError } from '@bridge/spectrum-client';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { Env } from '../config/env.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { ProblemError, unprocessable } from '../platform/http/problem.js';
import { CLOCK, type Clock, ENV, LOGGER, SECRET_BOX, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import type { SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError, scrub } from '../spectrum/spectrum-errors.js';
import {
  type AuthMode,
  type ConnectionStatus,
  type SettingsPatch,
  SettingsRepository,
  type StoredSettings,
} from './settings.repository.js';

/** GEN-2: what the API shows of the connection. Secrets are write-only: only whether one is set. */
export interface ConnectionSettingsView {
  serviceUrl: string | null;
  companyCode: string | null;
  serviceUser: string | null;
  authMode: AuthMode;
  servicePasswordSet: boolean;
  clientSecretSet: boolean;
  connectionStatus: ConnectionStatus;
  connectionCheckedAt: string | null;
  connectionError: string | null;
  connectedAt: string | null;
  /** OPS-11: Spectrum calls in flight at once, across all instances. */
  maxConcurrentCalls: number;
  /** OPS-11: Spectrum calls started within any one second, across all instances. */
  callsPerSecond: number;
}

/** A connection change: omitted fields keep their value; `null` clears a secret or the service user. */
export interface ConnectionSettingsChange {
  serviceUrl?: string;
  companyCode?: string;
  serviceUser?: string | null;
  authMode?: AuthMode;
  servicePassword?: string | null;
  clientSecret?: string | null;
  maxConcurrentCalls?: number;
  callsPerSecond?: number;
}

export interface ConnectionTestView {
  connectionStatus: ConnectionStatus;
  connectionCheckedAt: string | null;
  connectionError: string | null;
  connectedAt: string | null;
}

export type GeneralSettingsView = GeneralSettings & { templateJob: TemplateJob | null };
export type GeneralSettingsChange = Partial<GeneralSettings> & { templateJob?: TemplateJob | null };

export interface VendorTypeFilterView {
  /** The types that are imported; `locked` ones have synced data and cannot be removed (GEN-5). */
  types: { type: string; locked: boolean }[];
  /** Vendor types seen in Spectrum's vendor list at the last vendor sync. */
  knownTypes: string[];
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

const connectionView = (s: StoredSettings): ConnectionSettingsView => ({
  serviceUrl: s.serviceUrl,
  companyCode: s.companyCode,
  serviceUser: s.serviceUser,
  authMode: s.authMode,
  servicePasswordSet: s.servicePasswordEnc !== null,
  clientSecretSet: s.clientSecretEnc !== null,
  connectionStatus: s.connectionStatus,
  connectionCheckedAt: iso(s.connectionCheckedAt),
  connectionError: s.connectionError,
  connectedAt: iso(s.connectedAt),
  maxConcurrentCalls: s.spectrumMaxConcurrentCalls,
  callsPerSecond: s.spectrumCallsPerSecond,
});

/** The audited part of the connection: never a secret, only whether one is set. */
const connectionAudit = (s: StoredSettings) => ({
  serviceUrl: s.serviceUrl,
  companyCode: s.companyCode,
  serviceUser: s.serviceUser,
  authMode: s.authMode,
  servicePasswordSet: s.servicePasswordEnc !== null,
  clientSecretSet: s.clientSecretEnc !== null,
  maxConcurrentCalls: s.spectrumMaxConcurrentCalls,
  callsPerSecond: s.spectrumCallsPerSecond,
});

const generalView = (s: StoredSettings): GeneralSettingsView => ({
  ...s.general,
  templateJob: s.templateJob,
});

const normType = (t: string) => t.trim().toUpperCase();

/** JOB-3: the template job's fields in Spectrum's formats (every failing field reported). */
export function checkTemplateJob(t: TemplateJob): Check {
  const f = (name: string) => ({ field: `templateJob.${name}`, rule: 'JOB-3' });
  return allOf(
    validateJobNumber(t.jobNumber, f('jobNumber')),
    validateText(t.division, SPECTRUM_LIMITS.division, 'division', 'Division', {
      ...f('division'),
      required: true,
    }),
    validateText(t.costCenter, SPECTRUM_LIMITS.costCenter, 'cost-center', 'Cost center', {
      ...f('costCenter'),
      required: true,
    }),
    validateCustomerCode(t.customerCode, f('customerCode')),
    validateText(t.phaseMask, SPECTRUM_LIMITS.phaseMask, 'phase-mask', 'Phase mask', f('phaseMask')),
    validateText(t.glAccount, SPECTRUM_LIMITS.glAccount, 'gl-account', 'GL account', f('glAccount')),
  );
}

/**
 * GEN-1 … GEN-5: connection (secrets sealed at rest, write-only), the real connection test, general settings and
 * the vendor type filter. Every change is audited with before/after; secrets never reach the audit, a log line, an
 * error or a response.
 */
@Injectable()
export class SettingsService implements OnModuleInit {
  constructor(
    @Inject(SettingsRepository) private readonly repo: SettingsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.repo.ensure({
      serviceUrl: this.env.SPECTRUM_URL,
      companyCode: this.env.SPECTRUM_COMPANY_CODE,
    });
  }

  async getConnection(): Promise<ConnectionSettingsView> {
    return connectionView(await this.repo.get());
  }

  async updateConnection(actorId: string, change: ConnectionSettingsChange): Promise<ConnectionSettingsView> {
    const { before, after } = await this.repo.transaction(async (tx) => {
      const before = await this.repo.getForUpdate(tx);
      if (
        change.companyCode !== undefined &&
        before.companyCode !== null &&
        change.companyCode.toUpperCase() !== before.companyCode.toUpperCase() &&
        (await this.repo.hasSyncedData(tx))
      ) {
        const message =
          `This integration is connected to Spectrum company ${before.companyCode} and has synced data; ` +
          `it cannot be connected to a second company (${change.companyCode}).`;
        throw new ProblemError(409, 'conflict', message, [
          { field: 'companyCode', rule: 'GEN-1', code: 'second-spectrum-company', message },
        ]);
      }
      const patch: SettingsPatch = {
        serviceUrl: change.serviceUrl,
        companyCode: change.companyCode?.toUpperCase(),
        serviceUser: change.serviceUser,
        authMode: change.authMode,
      };
      if (change.servicePassword !== undefined) {
        patch.servicePasswordEnc =
          change.servicePassword === null ? null : this.box.seal(change.servicePassword);
      }
      if (change.clientSecret !== undefined) {
        patch.clientSecretEnc = change.clientSecret === null ? null : this.box.seal(change.clientSecret);
      }
      const changed =
        (change.serviceUrl !== undefined && change.serviceUrl !== before.serviceUrl) ||
        (patch.companyCode !== undefined && patch.companyCode !== before.companyCode) ||
        (change.serviceUser !== undefined && change.serviceUser !== before.serviceUser) ||
        (change.authMode !== undefined && change.authMode !== before.authMode) ||
        change.servicePassword !== undefined ||
        change.clientSecret !== undefined;
      // OPS-11: the call limit applies to the next clients built (the next export batch, sync run or test); changing
      // it says nothing about whether Spectrum accepts the connection, so the status stays
      const limitsChanged =
        (change.maxConcurrentCalls !== undefined &&
          change.maxConcurrentCalls !== before.spectrumMaxConcurrentCalls) ||
        (change.callsPerSecond !== undefined && change.callsPerSecond !== before.spectrumCallsPerSecond);
      if (!changed && !limitsChanged) return { before, after: before };
      patch.spectrumMaxConcurrentCalls = change.maxConcurrentCalls;
      patch.spectrumCallsPerSecond = change.callsPerSecond;
      if (changed) {
        // The last check was about other settings: the status says so until the connection is tested again.
        patch.connectionStatus = 'not_connected';
        patch.connectionCheckedAt = null;
        patch.connectionError = 'The connection settings changed; test the connection again.';
      }
      const after = await this.repo.update(patch, tx);
      const notes = [
        change.servicePassword !== undefined &&
          `service password ${change.servicePassword === null ? 'cleared' : 'replaced'}`,
        change.clientSecret !== undefined &&
          `client secret ${change.clientSecret === null ? 'cleared' : 'replaced'}`,
      ].filter(Boolean);
      await this.audit.record(
        {
          actorId,
          action: 'settings.connection.update',
          itemType: 'settings',
          itemId: 'connection',
          before: connectionAudit(before),
          after: connectionAudit(after),
          note: notes.length > 0 ? notes.join('; ') : null,
        },
        tx,
      );
      return { before, after };
    });
    if (after !== before) this.logger.info({ actorId }, 'connection settings updated');
    return connectionView(after);
  }

  /** GEN-3: a real, cheap call to Spectrum with the stored settings; records status, time and Spectrum's reason. */
  async testConnection(actorId: string): Promise<ConnectionTestView> {
    const secrets = await this.openSecrets();
    let status: ConnectionStatus = 'not_connected';
    let error: string | null = null;
    try {
      const client = await this.clients.create({ retry: { attempts: 1 } });
      const result = await client.testConnection();
      if (result.connected) status = 'connected';
      else if (result.notSent) {
        // OPS-13: the test never reached Spectrum (no free call slot): nothing is known, nothing is recorded
        throw new ProblemError(
          503,
          'spectrum-busy',
          `The connection was not tested: ${scrub(result.reason, secrets)}. Try again in a moment.`,
          [
            {
              field: 'connection',
              rule: 'OPS-13',
              code: 'spectrum-call-limit',
              message: scrub(result.reason, secrets),
            },
          ],
        );
      } else error = scrub(result.reason, secrets);
    } catch (e) {
      if (e instanceof ProblemError) throw e;
      error = e instanceof ConnectionNotConfiguredError ? e.message : describeError(e, secrets);
    }
    const now = this.clock.now();
    const current = await this.repo.get();
    const after = await this.repo.update({
      connectionStatus: status,
      connectionCheckedAt: now,
      connectionError: error,
      ...(status === 'connected' && current.connectedAt === null ? { connectedAt: now } : {}),
    });
    this.logger.info({ actorId, connectionStatus: status, connectionError: error }, 'connection tested');
    return {
      connectionStatus: after.connectionStatus,
      connectionCheckedAt: iso(after.connectionCheckedAt),
      connectionError: after.connectionError,
      connectedAt: iso(after.connectedAt),
    };
  }

  /**
   * Spectrum refused the stored credentials during other work (a sync run, an export): the connection is Not
   * Connected from now on, with Spectrum's reason, until a successful test.
   */
  async recordAuthorizationFailure(reason: string): Promise<void> {
    const secrets = await this.openSecrets();
    await this.repo.update({
      connectionStatus: 'not_connected',
      connectionCheckedAt: this.clock.now(),
      connectionError: scrub(reason, secrets),
    });
    this.logger.warn(
      { connectionError: scrub(reason, secrets) },
      'Spectrum refused the credentials: Not Connected',
    );
  }

  async getGeneral(): Promise<GeneralSettingsView> {
    return generalView(await this.repo.get());
  }

  async updateGeneral(actorId: string, change: GeneralSettingsChange): Promise<GeneralSettingsView> {
    const { templateJob, ...general } = change;
    const normalized = templateJob ? normalizeTemplateJob(templateJob) : templateJob;
    if (normalized) {
      const check = checkTemplateJob(normalized);
      if (!check.ok) throw unprocessable('The template job is not valid.', check.reasons);
      const stored = (await this.repo.get()).templateJob;
      // compared in one key order (the stored JSON may come back in another)
      if (!stored || JSON.stringify(normalizeTemplateJob(stored)) !== JSON.stringify(normalized))
        await this.checkInSpectrum(normalized);
    }
    const after = await this.repo.transaction(async (tx) => {
      const before = await this.repo.getForUpdate(tx);
      const after = await this.repo.update({ general, templateJob: normalized }, tx);
      if (JSON.stringify(generalView(before)) !== JSON.stringify(generalView(after))) {
        await this.audit.record(
          {
            actorId,
            action: 'settings.general.update',
            itemType: 'settings',
            itemId: 'general',
            before: generalView(before),
            after: generalView(after),
          },
          tx,
        );
      }
      return after;
    });
    return generalView(after);
  }

  /**
   * GEN-6: a new or changed template job is checked against Spectrum before it is saved (the job, its customer and
   * the values exported jobs copy from it). Spectrum that cannot be asked refuses the save with the reason: a
   * template job nobody could check would only fail at an approved export.
   */
  private async checkInSpectrum(t: TemplateJob): Promise<void> {
    const refused = (status: number, code: string, message: string): never => {
      throw new ProblemError(
        status,
        status === 503 ? 'spectrum-unavailable' : 'not-eligible',
        `The template job could not be checked against Spectrum, so nothing was saved: ${message}`,
        [{ field: 'templateJob', rule: 'GEN-6', code, message }],
      );
    };
    const secrets = await this.openSecrets();
    let check: ReturnType<typeof checkTemplateJobInSpectrum>;
    try {
      // one attempt: the admin is waiting for the answer, and can save again
      const client = await this.clients.create({ retry: { attempts: 1 } });
      const [job] = (await client.listJobs({ jobNumber: t.jobNumber }).toArray()).filter(
        (j) => j.jobNumber.trim().toUpperCase() === t.jobNumber.toUpperCase(),
      );
      let customerExists: boolean | null = null;
      const code = t.customerCode.trim().toUpperCase();
      if (job && code !== '') {
        try {
          const customers = await client.getCustomers({ status: 'ALL' }).toArray();
          customerExists = customers.some((c) => c.customerCode.trim().toUpperCase() === code);
        } catch (e) {
          // GetCustomers cannot be narrowed: past 500 customers the customer is left to the accept-time check
          if (!(e instanceof SpectrumRowCapError)) throw e;
        }
      }
      check = checkTemplateJobInSpectrum(
        t,
        job
          ? {
              jobNumber: job.jobNumber,
              division: job.division,
              costCenter: job.costCenter,
              customerCode: job.customerCode,
              taxable: job.taxableFlag.trim().toUpperCase() === 'Y',
              priceMethodCode: job.priceMethodCode,
            }
          : null,
        customerExists,
      );
    } catch (e) {
      if (e instanceof ConnectionNotConfiguredError)
        return refused(
          422,
          'connection-not-configured',
          `${e.message} Set up the connection to Spectrum first; the template job is checked against Spectrum when it is saved.`,
        );
      return refused(
        503,
        'spectrum-unavailable',
        `Spectrum did not answer (${describeError(e, secrets)}). Test the connection, then save again.`,
      );
    }
    if (!check.ok) throw unprocessable('The template job does not match Spectrum.', check.reasons);
  }

  async getVendorTypeFilter(): Promise<VendorTypeFilterView> {
    const s = await this.repo.get();
    const [synced, known] = await Promise.all([
      this.repo.vendorTypesWithSyncedData(),
      this.repo.knownVendorTypes(),
    ]);
    return filterView(s.vendorTypeFilter, synced, known);
  }

  async updateVendorTypeFilter(actorId: string, types: readonly string[]): Promise<VendorTypeFilterView> {
    const next = [...new Set(types.map(normType))];
    const { filter, synced } = await this.repo.transaction(async (tx) => {
      const before = await this.repo.getForUpdate(tx);
      const synced = await this.repo.vendorTypesWithSyncedData(tx);
      const check = checkVendorTypeFilterChange({
        current: before.vendorTypeFilter,
        next: types,
        typesWithSyncedData: synced,
        knownTypes: await this.repo.knownVendorTypes(tx),
      });
      if (!check.ok) throw unprocessable('The vendor type filter cannot be changed this way.', check.reasons);
      const after = await this.repo.update({ vendorTypeFilter: next }, tx);
      if (JSON.stringify(before.vendorTypeFilter) !== JSON.stringify(after.vendorTypeFilter)) {
        await this.audit.record(
          {
            actorId,
            action: 'settings.vendor_type_filter.update',
            itemType: 'settings',
            itemId: 'vendor_type_filter',
            before: { types: before.vendorTypeFilter },
            after: { types: after.vendorTypeFilter },
          },
          tx,
        );
      }
      return { filter: after.vendorTypeFilter, synced };
    });
    return filterView(filter, synced, await this.repo.knownVendorTypes());
  }

  /** The stored secrets in plain text, only to remove them from any text that leaves the service. */
  private async openSecrets(): Promise<string[]> {
    const s = await this.repo.get();
    const out: string[] = [];
    for (const sealed of [s.servicePasswordEnc, s.clientSecretEnc]) {
      if (!sealed) continue;
      try {
        out.push(this.box.open(sealed));
      } catch {
        // a secret sealed with another key cannot appear in any text either
      }
    }
    return out;
  }
}

function normalizeTemplateJob(t: TemplateJob): TemplateJob {
  return {
    jobNumber: t.jobNumber.trim(),
    division: t.division.trim(),
    costCenter: t.costCenter.trim(),
    customerCode: t.customerCode.trim(),
    taxable: t.taxable,
    priceMethodCode: t.priceMethodCode,
    ...(t.phaseMask !== undefined && t.phaseMask.trim() !== '' ? { phaseMask: t.phaseMask.trim() } : {}),
    ...(t.glAccount !== undefined && t.glAccount.trim() !== '' ? { glAccount: t.glAccount.trim() } : {}),
  };
}

function filterView(filter: readonly string[], synced: readonly string[], known: readonly string[]) {
  const locked = new Set(lockedVendorTypes(filter, synced));
  return {
    types: filter.map((type) => ({ type, locked: locked.has(normType(type)) })),
    knownTypes: [...known],
  };
}
