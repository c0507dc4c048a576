import { Button } from 'react-aria-components';
import { useStartVerificationRun, useVerificationRuns } from '../../api/hooks';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';

const STATE: Record<string, string> = { running: 'Running', finished: 'Finished', failed: 'Failed' };

/**
 * VER-5: every synced export read back from Spectrum and compared with what was sent, nightly and on demand. Drift
 * means Spectrum no longer holds what was exported (someone changed it there); the export itself is never undone or
 * repeated. The item shows the differing fields on its request page.
 */
export function VerificationRuns() {
  const runs = useVerificationRuns();
  const start = useStartVerificationRun();
  const running = runs.data?.items.some((r) => r.state === 'running') ?? false;
  return (
    <section aria-labelledby="verification-heading">
      <h2 id="verification-heading">Exports checked against Spectrum</h2>
      <p>
        Every synced export is read back from Spectrum each night and compared with what was sent. Drift means
        Spectrum no longer holds what was exported: someone changed it there since. Nothing is written on
        either side.
      </p>
      <div className="toolbar">
        <Button onPress={() => start.mutate()} isDisabled={start.isPending || running}>
          {running ? 'Checking…' : 'Check every synced export now'}
        </Button>
        {running && <p className="muted">A check is running; it ends on its own.</p>}
      </div>
      <ProblemAlert error={start.error} heading="The check did not start" />
      <QueryView
        query={runs}
        what="the checks against Spectrum"
        isEmpty={(d) => d.items.length === 0}
        empty="No check has run yet."
      >
        {(page) => (
          <table className="data" aria-live="polite">
            <caption>Recent checks, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">By</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Checked
                </th>
                <th scope="col" className="num">
                  As exported
                </th>
                <th scope="col" className="num">
                  Drift
                </th>
                <th scope="col" className="num">
                  Could not be read
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id}>
                  <td>{new Date(r.startedAt).toLocaleString()}</td>
                  <td>{r.trigger === 'schedule' ? 'Schedule' : 'On demand'}</td>
                  <td>{STATE[r.state] ?? r.state}</td>
                  <td className="num">{r.checked}</td>
                  <td className="num">{r.verified}</td>
                  <td className="num">{r.drift > 0 ? <strong>{r.drift}</strong> : r.drift}</td>
                  <td className="num">{r.unverifiable}</td>
                  <td>{r.error ? <span className="error-text">{r.error}</span> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
}
