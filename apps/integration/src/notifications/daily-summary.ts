import type { DriftedExport, WaitingExport } from './notifications.repository.js';

export const DAILY_SUMMARY_SUBJECT = 'ERP Integrations Daily Summary';

const LABELS: Record<string, string> = {
  project: 'Project (job)',
  company: 'Company (vendor)',
  budget: 'Budget',
  budget_change: 'Budget change',
  commitment: 'Commitment',
  commitment_change_order: 'Commitment change order',
  prime_contract_change_order: 'Prime contract change order',
  forecast: 'Forecast',
};

/** How an item type reads in a message. */
export function itemLabel(type: string): string {
  return LABELS[type] ?? type.replace(/_/g, ' ');
}

/**
 * APP-5, VER-5: the plain-text body listing every item that waits for an accounting approver, and every exported item
 * Spectrum no longer holds as written (changed there after the export).
 */
export function dailySummaryText(input: {
  approverName: string;
  waiting: readonly WaitingExport[];
  drifted?: readonly DriftedExport[];
  senders: ReadonlyMap<string, string>;
  serviceUrl?: string;
}): string {
  const { waiting } = input;
  const drifted = input.drifted ?? [];
  const lines = [`Hello ${input.approverName},`, ''];
  if (waiting.length > 0) {
    lines.push(
      `${waiting.length} item${waiting.length === 1 ? '' : 's'} wait${waiting.length === 1 ? 's' : ''} for your acceptance before ${waiting.length === 1 ? 'it goes' : 'they go'} to Spectrum:`,
      '',
    );
    for (const w of waiting) {
      const who = input.senders.get(w.sentById) ?? 'unknown user';
      lines.push(
        `- ${LABELS[w.type] ?? w.type}: ${w.title} (sent by ${who} on ${w.sentAt.toISOString().slice(0, 10)})`,
      );
    }
    lines.push('', 'Accept or reject them in the ERP integrations tool.');
    if (input.serviceUrl) lines.push(`${input.serviceUrl}/api/v1/export-requests?state=ready_to_export`);
  }
  if (drifted.length > 0) {
    if (waiting.length > 0) lines.push('');
    lines.push(
      `${drifted.length} exported item${drifted.length === 1 ? ' was' : 's were'} changed directly in Spectrum after the export (Spectrum no longer holds what was written):`,
      '',
    );
    for (const d of drifted) {
      lines.push(
        `- ${LABELS[d.type] ?? d.type}: ${d.title}${d.spectrumKey ? ` (${d.spectrumKey})` : ''}, found on ${d.checkedAt.toISOString().slice(0, 10)}`,
      );
    }
    lines.push('', "Each export request's page shows the fields that differ.");
  }
  return `${lines.join('\n')}\n`;
}
