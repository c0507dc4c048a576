import { Button } from 'react-aria-components';
import { useDiagnoseConnection } from '../../api/hooks';
import type { DoctorCheck } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';

const MARK: Record<DoctorCheck['status'], { mark: string; label: string }> = {
  pass: { mark: '✔', label: 'passed' },
  fail: { mark: '✗', label: 'failed' },
  skip: { mark: '–', label: 'not run' },
};

/**
 * PROD-11: the connection doctor. Runs every check of the configured Spectrum (harmless reads only) and lists one line
 * per check: passed, failed with what to do, or not run and why. The server decides; the page only shows it.
 */
export function DoctorPage() {
  const diagnose = useDiagnoseConnection();
  const report = diagnose.data;
  const failed = report?.checks.filter((c) => c.status === 'fail').length ?? 0;
  return (
    <>
      <h1>Connection doctor</h1>
      <div className="card">
        <p>
          Checks the Spectrum connection end to end: the server and its certificate, the clocks, each web
          service the integration uses, the Authorization ID, each Info-Link table, the vendor type filter and
          the template job. It only reads; it never writes to Spectrum.
        </p>
        <Button onPress={() => diagnose.mutate()} isDisabled={diagnose.isPending} data-variant="primary">
          {diagnose.isPending ? 'Checking…' : 'Run the connection doctor'}
        </Button>
        <ProblemAlert error={diagnose.error} heading="The connection doctor could not run" />
      </div>
      {report && (
        <section className="card" aria-labelledby="doctor-result">
          <h2 id="doctor-result">Result</h2>
          <p role="status">
            {report.ok
              ? `Every check passed (${report.checks.filter((c) => c.status === 'pass').length} passed).`
              : `${failed} ${failed === 1 ? 'check failed' : 'checks failed'}: see what to do below.`}
          </p>
          <p className="muted">
            {report.serviceUrl ?? 'No service URL'} · company {report.companyCode ?? '—'} · Info-Link over{' '}
            {report.infoLinkMode === 'sql' ? 'SQL' : 'HTTP'} · checked{' '}
            {new Date(report.checkedAt).toLocaleString()}
          </p>
          <ul className="doctor-checks">
            {report.checks.map((c) => (
              <li key={c.id} data-status={c.status}>
                <span aria-hidden="true">{MARK[c.status].mark} </span>
                <strong>{c.title}</strong>
                <span className="visually-hidden"> ({MARK[c.status].label})</span>: {c.detail}
                {c.status === 'fail' && c.remedy && <p className="error-text">What to do: {c.remedy}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
