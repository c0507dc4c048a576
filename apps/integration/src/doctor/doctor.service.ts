import {
  INFOLINK_TABLES,
  type InfoLinkReader,
  SpectrumAuthError,
  SpectrumTransportError,
} from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { CLOCK, type Clock, ENV, LOGGER } from '../platform/tokens.js';
import { SettingsRepository, type StoredSettings } from '../settings/settings.repository.js';
import {
  type ResolvedConnection,
  StoredSettingsSpectrumClientFactory,
} from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { infoLinkRemedy, networkRemedy } from './doctor-remedies.js';
import {
  authorizedChecks,
  CLOCK_TOLERANCE_MS,
  type DoctorCheck,
  type DoctorReport,
  doctorLine,
  GET_SERVICES_USED,
  laterChecks,
  PUT_SERVICES_USED,
} from './doctor-report.js';
import { checkSettingsInSpectrum } from './settings-in-spectrum.check.js';

/** Info-Link tables → the reader's list method (one row is enough to prove a table readable). */
const LISTERS: Record<string, (r: InfoLinkReader) => AsyncIterable<unknown>> = {
  JC_JOB_MASTER_MC: (r) => r.listJobs(),
  JC_PHASE_MASTER_MC: (r) => r.listPhaseMaster(),
  JC_COST_TYPE_MASTER_MC: (r) => r.listCostTypes(),
  JC_STD_PHASE_DESCRIPTION_MC: (r) => r.listStandardPhases(),
  VN_VENDOR_MASTER_MC: (r) => r.listVendorMaster(),
  VN_SUBCONTRACT_MC: (r) => r.listSubcontracts(),
  VN_SUBCONTRACT_PHASE_MC: (r) => r.listSubcontractLines(),
  CR_CONTRACT_MASTER_MC: (r) => r.listContracts(),
  CR_BID_ITEM_DES_MC: (r) => r.listContractItems(),
  CR_CHNG_REQ_HDR_MC: (r) => r.listChangeRequests(),
  CR_CHNG_REQ_CON_DET_MC: (r) => r.listChangeRequestLines(),
  CR_CHNG_REQ_REV_MC: (r) => r.listChangeRequestRevenueLines(),
  JC_TRANSACTION_HISTORY_MC: (r) => r.listJobCostHistory(),
};

/**
 * PROD-11 … PROD-19: the connection doctor. Checks a configured Spectrum end to end with harmless reads only (never
 * a Put): the server and its certificate, the clocks, each SDX service's WSDL, the OAuth token, the Authorization ID
 * and each Get service, each Info-Link table, the vendor type filter and the template job. Every failure names its
 * remedy; checks that cannot tell anything after an earlier failure say so instead of failing again.
 */
@Injectable()
export class DoctorService {
  constructor(
    @Inject(StoredSettingsSpectrumClientFactory)
    private readonly clients: StoredSettingsSpectrumClientFactory,
    @Inject(SettingsRepository) private readonly settings: SettingsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async diagnose(): Promise<DoctorReport> {
    const stored = await this.settings.get();
    const checks: DoctorCheck[] = [];
    let connection: ResolvedConnection | undefined;
    try {
      connection = await this.clients.resolve();
    } catch (error) {
      if (!(error instanceof ConnectionNotConfiguredError)) throw error;
      checks.push({
        id: 'settings',
        title: 'Connection settings',
        status: 'fail',
        detail: error.message,
        remedy: 'complete the connection settings (Settings → Connection, or updateConnectionSettings)',
        rule: 'PROD-11',
      });
    }
    if (connection) await this.run(connection, stored, checks);
    const report: DoctorReport = {
      ok: checks.every((c) => c.status !== 'fail'),
      checkedAt: this.clock.now().toISOString(),
      serviceUrl: stored.serviceUrl,
      companyCode: stored.companyCode,
      infoLinkMode: stored.infoLink.mode,
      checks,
      lines: checks.map(doctorLine),
    };
    this.logger.info(
      { ok: report.ok, failed: checks.filter((c) => c.status === 'fail').map((c) => c.id) },
      'connection diagnosed',
    );
    return report;
  }

  private async run(c: ResolvedConnection, stored: StoredSettings, checks: DoctorCheck[]): Promise<void> {
    const secrets = [
      c.authorizationId,
      c.auth.clientSecret,
      c.infoLink.mode === 'sql' ? c.infoLink.connection.password : undefined,
    ];
    const timeoutMs = this.env.SPECTRUM_DOCTOR_TIMEOUT_MS;
    const client = this.clients.build(c, { retry: { attempts: 1 }, timeoutMs, infoLinkPageSize: 1 });
    const sql = this.clients.sqlReader(c, { retry: { attempts: 1 } });
    const add = (check: DoctorCheck) => checks.push(check);
    const why = (error: unknown) => describeError(error, secrets);
    type Base = { id: string; title: string; rule: string };
    // After a time-out every later call would wait as long again: they are reported as not checked instead.
    let slow: string | undefined;
    /** Runs one check: pass/fail with the remedy for its error; skipped once the server proved too slow. */
    const attempt = async (
      base: Base,
      call: () => Promise<{ detail: string; failed?: boolean; remedy?: string }>,
      remedyFor: (error: unknown) => string,
    ): Promise<unknown> => {
      if (slow) {
        add({ ...base, status: 'skip', detail: `not checked: ${slow}`, remedy: null });
        return 'skipped';
      }
      try {
        const r = await call();
        add({
          ...base,
          status: r.failed ? 'fail' : 'pass',
          detail: r.detail,
          remedy: r.failed ? (r.remedy ?? null) : null,
        });
        return r.failed ? 'failed' : undefined;
      } catch (error) {
        if (error instanceof SpectrumTransportError && error.timedOut)
          slow = `${base.title} did not answer in time`;
        add({ ...base, status: 'fail', detail: why(error), remedy: remedyFor(error) });
        return error;
      }
    };
    const skip = (rest: Base[], detail: string) => {
      for (const r of rest) add({ ...r, status: 'skip', detail, remedy: null });
    };
    const network = (error: unknown) => networkRemedy(error, timeoutMs);

    // PROD-12: the server answers and its certificate is trusted
    const https = c.baseUrl.startsWith('https:');
    let serverDate: string | null = null;
    const serverFailure = await attempt(
      { id: 'server', title: `Spectrum server ${c.baseUrl}`, rule: 'PROD-12' },
      async () => {
        const answer = await client.probes.server();
        serverDate = answer.serverDate;
        return {
          detail: `answers (HTTP ${answer.status})${https ? ', certificate trusted' : ', plain HTTP (not encrypted)'}`,
        };
      },
      network,
    );
    if (serverFailure) {
      skip(laterChecks(c, stored), 'not checked: the server did not answer');
      return;
    }

    // PROD-17: the clocks agree
    const date: string | null = serverDate;
    if (date) {
      const skew = Date.parse(date) - this.clock.now().getTime();
      const agree = Math.abs(skew) <= CLOCK_TOLERANCE_MS;
      add({
        id: 'clock',
        title: 'Clocks',
        status: agree ? 'pass' : 'fail',
        detail: agree
          ? `Spectrum's clock and this server's agree (within ${Math.max(1, Math.ceil(Math.abs(skew) / 1000))} s)`
          : `Spectrum's clock is ${Math.round(Math.abs(skew) / 60_000)} min ${skew > 0 ? 'ahead of' : 'behind'} this server's`,
        remedy: agree
          ? null
          : 'set both servers’ clocks from NTP (OAuth tokens, GUID time-outs and the sync schedule depend on agreeing clocks)',
        rule: 'PROD-17',
      });
    } else {
      add({
        id: 'clock',
        title: 'Clocks',
        status: 'skip',
        detail: 'the server sends no Date header',
        remedy: null,
        rule: 'PROD-17',
      });
    }

    // PROD-13: each SDX service's WSDL declares its operation
    for (const service of [...GET_SERVICES_USED, ...PUT_SERVICES_USED]) {
      await attempt(
        { id: `wsdl:${service}`, title: `${service} WSDL`, rule: 'PROD-13' },
        async () => {
          const w = await client.probes.wsdl(service);
          if (w.served && w.hasOperation) return { detail: `declares ${service}` };
          return {
            failed: true,
            detail: w.served
              ? `the WSDL does not declare the ${service} operation`
              : 'not published by the server',
            remedy: w.served
              ? 'the service URL may not point at Spectrum’s SDX web services: check the URL (scheme, host and port)'
              : `have ${service} installed and published in Spectrum’s SDX web services (a Spectrum version that has it)`,
          };
        },
        network,
      );
    }

    // PROD-15: the OAuth token when enhanced authorization is on
    if (c.auth.kind === 'oauth') {
      const failed = await attempt(
        { id: 'oauth', title: 'OAuth token', rule: 'PROD-15' },
        async () => {
          await client.probes.token();
          return { detail: 'issued for the client ID' };
        },
        (error) =>
          error instanceof SpectrumAuthError
            ? 'check the OAuth client ID (service user) and client secret against Spectrum’s enhanced authorization set-up'
            : network(error),
      );
      if (failed) {
        skip(authorizedChecks(c, stored), 'not checked: no OAuth token');
        return;
      }
    } else {
      add({
        id: 'oauth',
        title: 'OAuth token',
        status: 'skip',
        detail: `not used (${c.auth.kind} authorization)`,
        remedy: null,
        rule: 'PROD-15',
      });
    }

    // PROD-14: the Authorization ID works for the company, and each Get service is enabled for it
    let refused = false;
    for (const service of GET_SERVICES_USED) {
      const first = service === 'GetJob';
      const base = {
        id: first ? 'authorization' : `service:${service}`,
        title: first ? `Authorization ID for company ${c.companyCode} (GetJob)` : `${service} allowed`,
        rule: 'PROD-14',
      };
      if (refused) {
        add({
          ...base,
          status: 'skip',
          detail: 'not checked: the Authorization ID was refused',
          remedy: null,
        });
        continue;
      }
      const failure = await attempt(
        base,
        async () => {
          await client.probes.get(service);
          return { detail: first ? 'accepted' : 'answers a harmless Get' };
        },
        (error) =>
          !(error instanceof SpectrumAuthError)
            ? network(error)
            : first
              ? `check the Authorization ID in the connection settings and that Spectrum's Authorization ID set-up grants it company ${c.companyCode}`
              : `allow ${service} for the Authorization ID in Spectrum's Authorization ID set-up`,
      );
      if (first && failure instanceof SpectrumAuthError) refused = true;
    }
    add({
      id: 'service:puts',
      title: `Write services allowed (${PUT_SERVICES_USED.join(', ')})`,
      status: 'skip',
      detail:
        'not checked: only a write would tell, and the doctor never writes (the first export reports a refused service)',
      remedy: null,
      rule: 'PROD-14',
    });

    // PROD-16: each Info-Link table is readable (one row)
    const reader: InfoLinkReader = sql ?? client;
    for (const def of INFOLINK_TABLES) {
      const base = { id: `infolink:${def.table}`, title: `Info-Link ${def.table}`, rule: 'PROD-16' };
      if (refused && !sql) {
        add({
          ...base,
          status: 'skip',
          detail: 'not checked: the Authorization ID was refused',
          remedy: null,
        });
        continue;
      }
      await attempt(
        base,
        async () => {
          const rows = sql ? await sql.probe(def.table) : await firstRow(LISTERS[def.table]?.(reader));
          return { detail: rows > 0 ? 'readable' : 'readable (no rows for this company)' };
        },
        (error) => infoLinkRemedy(error, def.table, c, timeoutMs),
      );
    }

    // PROD-18: the vendor type filter and the template job exist in Spectrum
    const blocked = slow ?? (refused && !sql ? 'the Authorization ID was refused' : undefined);
    if (blocked) {
      skip(
        [
          { id: 'vendor-types', title: 'Vendor type filter', rule: 'PROD-18' },
          { id: 'template-job', title: 'Template job', rule: 'PROD-18' },
        ],
        `not checked: ${blocked}`,
      );
      return;
    }
    await checkSettingsInSpectrum(reader, stored, add, why);
  }
}

async function firstRow(rows: AsyncIterable<unknown> | undefined): Promise<number> {
  if (!rows) return 0;
  for await (const _ of rows) return 1;
  return 0;
}
