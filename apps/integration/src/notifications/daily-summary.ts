import type { WaitingExport } from './notifications.repository.js';

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

/** APP-5: the plain-text body listing every item that waits for an accounting approver. */
export function dailySummaryText(input: {
  approverName: string;
  waiting: readonly WaitingExport[];
  senders: ReadonlyMap<string, string>;
  serviceUrl?: string;
}): string {
  const lines = [
    `Hello ${input.approverName},`,
    '',
    `${input.waiting.length} item${input.waiting.length === 1 ? '' : 's'} wait${input.waiting.length === 1 ? 's' : ''} for your acceptance before ${input.waiting.length === 1 ? 'it goes' : 'they go'} to Spectrum:`,
    '',
  ];
  for (const w of input.waiting) {
    const who = input.senders.get(w.sentById) ?? 'unknown user';
    lines.push(
      `- ${LABELS[w.type] ?? w.type}: ${w.title} (sent by ${who} on ${w.sentAt.toISOString().slice(0, 10)})`,
    );
  }
  lines.push('', 'Accept or reject them in the ERP integrations tool.');
  if (input.serviceUrl) lines.push(`${input.serviceUrl}/api/v1/export-requests?state=ready_to_export`);
  return `${lines.join('\n')}\n`;
}
