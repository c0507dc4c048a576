import {
  allOf,
  type Check,
  checkTemplateJobInSpectrum,
  type GeneralSettings,
  SPECTRUM_LIMITS,
  type TemplateJob,
  validateCustomerCode,
  validateJobNumber,
  validateText,
} from '@bridge/rules';
import { SpectrumRowCapError } from '@bridge/spectrum-client';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import { ProblemError, unprocessable } from '../platform/http/problem.js';
import { SECRET_BOX, SPECTRUM_CLIENT_FACTORY } from '../platform/tokens.js';
import { TransactionHost, type TxHost } from '../platform/transactions.js';
import type { SpectrumClientFactory } from '../spectrum/spectrum-client.factory.js';
import { ConnectionNotConfiguredError, describeError } from '../spectrum/spectrum-errors.js';
import { SettingsRepository, type StoredSettings } from './settings.repository.js';
import { openSecrets } from './settings-secrets.js';

export type GeneralSettingsView = GeneralSettings & { templateJob: TemplateJob | null };
export type GeneralSettingsChange = Partial<GeneralSettings> & { templateJob?: TemplateJob | null };

const generalView = (s: StoredSettings): GeneralSettingsView => ({
  ...s.general,
  templateJob: s.templateJob,
});

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

/** GEN-4, JOB-3, GEN-6: the general settings and the template job (checked against Spectrum when it changes). */
@Injectable()
export class GeneralSettingsService {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TxHost,
    @Inject(SettingsRepository) private readonly repo: SettingsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
    @Inject(SPECTRUM_CLIENT_FACTORY) private readonly clients: SpectrumClientFactory,
  ) {}

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
    const after = await this.txHost.withTransaction(async () => {
      const before = await this.repo.getForUpdate();
      const after = await this.repo.update({ general, templateJob: normalized });
      if (JSON.stringify(generalView(before)) !== JSON.stringify(generalView(after))) {
        await this.audit.record({
          actorId,
          action: 'settings.general.update',
          itemType: 'settings',
          itemId: 'general',
          before: generalView(before),
          after: generalView(after),
        });
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
    const secrets = openSecrets(await this.repo.get(), this.box);
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
