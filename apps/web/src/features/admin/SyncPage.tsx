import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { type SyncFrequency, useSaveSchedule } from '../../api/admin';
import { useStartSync, useSyncRuns, useSyncSchedule } from '../../api/hooks';
import { useSyncRunStream } from '../../api/live';
import type { SyncGroup, SyncRun } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { syncRoute } from '../../router';

export const GROUP_LABELS: Record<SyncGroup, string> = {
  cost_codes: 'Standard and project cost codes, job costs',
  vendors: 'Spectrum vendor list',
  jobs: 'Spectrum job list',
};

const FREQUENCY: Record<string, string> = {
  never: 'Never',
  daily: 'Daily',
  every_4_hours: 'Every 4 hours',
  every_2_hours: 'Every 2 hours',
  hourly: 'Hourly',
};

/** The sync groups with their schedule, "run now", and the run history with counts and errors. */
export function SyncPage() {
  const search = syncRoute.useSearch();
  const schedule = useSyncSchedule();
  const saveSchedule = useSaveSchedule();
  const [changes, setChanges] = useState<Partial<Record<SyncGroup, SyncFrequency>>>({});
  const start = useStartSync();
  const runs = useSyncRuns(search.group, search.cursor);
  return (
    <>
      <h1>Sync</h1>
      <QueryView query={schedule} what="the sync schedule">
        {(s) => (
          <table className="data">
            <caption>Sync groups</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Schedule</th>
                <th scope="col">Next run</th>
                <th scope="col">Run now</th>
              </tr>
            </thead>
            <tbody>
              {s.groups.map((g) => (
                <tr key={g.group}>
                  <td>{GROUP_LABELS[g.group] ?? g.group}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={`freq-${g.group}`}>
                      Schedule of {GROUP_LABELS[g.group] ?? g.group}
                    </label>
                    <select
                      id={`freq-${g.group}`}
                      value={changes[g.group] ?? g.frequency}
                      onChange={(e) =>
                        setChanges((c) => ({ ...c, [g.group]: e.target.value as SyncFrequency }))
                      }
                    >
                      {Object.entries(FREQUENCY).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{g.nextRunAt ? new Date(g.nextRunAt).toLocaleString() : 'not scheduled'}</td>
                  <td>
                    <Button
                      onPress={() => start.mutate(g.group)}
                      isDisabled={start.isPending}
                      aria-label={`Run now: ${GROUP_LABELS[g.group] ?? g.group}`}
                    >
                      Run now
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
      <div className="toolbar">
        <Button
          data-variant="primary"
          isDisabled={Object.keys(changes).length === 0 || saveSchedule.isPending}
          onPress={() => saveSchedule.mutate(changes, { onSuccess: () => setChanges({}) })}
        >
          Save schedule
        </Button>
        {saveSchedule.isSuccess && <p role="status">Schedule saved.</p>}
      </div>
      <ProblemAlert error={saveSchedule.error} heading="The schedule was not saved" />
      <ProblemAlert error={start.error} heading="The sync did not start" />
      <h2>Runs</h2>
      <QueryView
        query={runs}
        what="sync runs"
        isEmpty={(d) => d.items.length === 0}
        empty="No sync has run yet."
      >
        {(page) => (
          <>
            <table className="data" aria-live="polite">
              <caption className="visually-hidden">Sync runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Read
                  </th>
                  <th scope="col" className="num">
                    Created
                  </th>
                  <th scope="col" className="num">
                    Updated
                  </th>
                  <th scope="col" className="num">
                    Unchanged
                  </th>
                  <th scope="col" className="num">
                    Vanished
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <RunRow key={r.id} run={r} />
                ))}
              </tbody>
            </table>
            <div className="pager">
              {page.nextCursor && (
                <Link to="/admin/sync" search={{ ...search, cursor: page.nextCursor ?? undefined }}>
                  Older runs
                </Link>
              )}
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}

/** One run; a running one follows its counts live until it ends. */
function RunRow({ run }: { run: SyncRun }) {
  const r = useSyncRunStream(run);
  return (
    <tr>
      <td>{GROUP_LABELS[r.group] ?? r.group}</td>
      <td>{new Date(r.startedAt).toLocaleString()}</td>
      <td>{r.status}</td>
      <td className="num">{r.counts.read}</td>
      <td className="num">{r.counts.created}</td>
      <td className="num">{r.counts.updated}</td>
      <td className="num">{r.counts.unchanged}</td>
      <td className="num">{r.counts.vanished}</td>
      <td className="num">{r.counts.failed}</td>
      <td>{r.error ? <span className="error-text">{r.error}</span> : null}</td>
    </tr>
  );
}
