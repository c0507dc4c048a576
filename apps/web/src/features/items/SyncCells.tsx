import type { SyncItem } from '../../api/types';
import { StateBadge } from '../../components/StateBadge';

/** The cells every synced item shows: state, Spectrum key, last error in plain words. */
export function SyncCells({ item }: { item: SyncItem }) {
  return (
    <>
      <td>
        <StateBadge state={item.state} />
      </td>
      <td>{item.spectrumKey ?? <span className="muted">not linked</span>}</td>
      <td>{item.lastError ? <span className="error-text">{item.lastError}</span> : null}</td>
    </>
  );
}

export const SYNC_HEADERS = ['State', 'Spectrum key', 'Last error'];

/** The header row of a table of synced items: its own columns, the sync columns, then Actions. */
export function SyncHead({ first, numeric = [] }: { first: string[]; numeric?: string[] }) {
  return (
    <thead>
      <tr>
        {[...first, ...SYNC_HEADERS, 'Actions'].map((h) => (
          <th key={h} scope="col" className={numeric.includes(h) ? 'num' : undefined}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
