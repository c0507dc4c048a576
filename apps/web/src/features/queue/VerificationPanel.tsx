import { Button } from 'react-aria-components';
import { useVerifyExport } from '../../api/hooks';
import type { ExportRequest } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';

const STATE_TEXT = {
  verified: 'Spectrum holds every value that was written.',
  drift: 'Spectrum no longer holds what was written:',
  unverifiable: 'Spectrum could not be read back.',
} as const;

/**
 * VER-4: what Spectrum held when a synced export was last read back (after the export, on demand, or by the nightly
 * re-verification), with every difference, and a button to check again now.
 */
export function VerificationPanel({ request }: { request: ExportRequest }) {
  const verify = useVerifyExport(request.id);
  const v = request.verification;
  return (
    <section aria-labelledby="verification-heading" className="card">
      <h2 id="verification-heading">Checked against Spectrum</h2>
      <div aria-live="polite">
        {!v && <p>Not read back yet.</p>}
        {v && (
          <>
            <p data-verification={v.state}>
              {STATE_TEXT[v.state]}{' '}
              <span className="muted">(checked {new Date(v.checkedAt).toLocaleString()})</span>
            </p>
            {v.error && <p className="error-text">{v.error}</p>}
            {v.drift.length > 0 && (
              <table className="data">
                <caption className="visually-hidden">
                  Differences between what was written and Spectrum
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Write</th>
                    <th scope="col">Field</th>
                    <th scope="col">Written</th>
                    <th scope="col">Spectrum now</th>
                  </tr>
                </thead>
                <tbody>
                  {v.drift.flatMap((w) =>
                    w.record === 'missing'
                      ? [
                          <tr key={w.seq}>
                            <th scope="row">{w.name}</th>
                            <td colSpan={3}>Spectrum no longer has this record.</td>
                          </tr>,
                        ]
                      : w.fields.map((f) => (
                          <tr key={`${w.seq}-${f.field}`}>
                            <th scope="row">{w.name}</th>
                            <td>{f.field}</td>
                            <td>{f.sent}</td>
                            <td>{f.spectrum ?? ''}</td>
                          </tr>
                        )),
                  )}
                </tbody>
              </table>
            )}
          </>
        )}
      </div>
      <Button onPress={() => verify.mutate()} isDisabled={verify.isPending}>
        {verify.isPending ? 'Reading Spectrum…' : 'Check against Spectrum now'}
      </Button>
      <ProblemAlert error={verify.error} />
    </section>
  );
}
