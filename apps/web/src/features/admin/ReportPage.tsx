import { ACCOUNTANT_REPORT_CSV, useAccountantReport } from '../../api/admin';
import { QueryView } from '../../components/QueryView';
import { TYPE_LABELS } from '../queue/describe';

/** The accountant report (REP-1): per item type, what waits, what is synced, rejected or failed; CSV to download. */
export function ReportPage() {
  const report = useAccountantReport();
  return (
    <>
      <h1>Accountant report</h1>
      <p>
        <a href={ACCOUNTANT_REPORT_CSV} download="accountant-report.csv">
          Download as CSV
        </a>
      </p>
      <QueryView query={report} what="the report">
        {(r) => (
          <table className="data">
            <caption>As of {new Date(r.generatedAt).toLocaleString()}</caption>
            <thead>
              <tr>
                <th scope="col">Item type</th>
                <th scope="col" className="num">
                  Waiting to import
                </th>
                <th scope="col" className="num">
                  Waiting to export
                </th>
                <th scope="col" className="num">
                  Synced
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col" className="num">
                  Failed
                </th>
              </tr>
            </thead>
            <tbody>
              {r.types.map((t) => (
                <tr key={t.type}>
                  <th scope="row">{TYPE_LABELS[t.type] ?? t.type}</th>
                  <td className="num">{t.waitingToImport}</td>
                  <td className="num">{t.waitingToExport}</td>
                  <td className="num">{t.synced}</td>
                  <td className="num">{t.rejected}</td>
                  <td className="num">{t.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </>
  );
}
