const LABELS: Record<string, string> = {
  ready_to_import: 'Ready to Import',
  ready_to_export: 'Ready to Export',
  exporting: 'Exporting',
  synced: 'Synced',
  rejected: 'Rejected',
  failed: 'Failed',
  unlinked: 'Unlinked',
  retrieved: 'Taken back',
};

export const stateLabel = (state: string | null | undefined) =>
  state ? (LABELS[state] ?? state.replace(/_/g, ' ')) : 'Not synced';

/** A sync or export state as the ERP Integrations tool names it. */
export function StateBadge({ state }: { state: string | null | undefined }) {
  return (
    <span className="badge" data-state={state ?? 'none'}>
      {stateLabel(state)}
    </span>
  );
}
