import type { BulkDecisionOutcome, BulkDecisionResult, ExportRequest } from '../../api/types';
import { describeItem } from './describe';

/**
 * APP-9: what one bulk accept or reject did to each request, in the service's words: how many were accepted or
 * rejected, and for every request that was not, its name and every reason the service gave.
 */
export function BulkOutcomes({
  result,
  action,
  requests,
}: {
  result: BulkDecisionResult;
  action: 'accept' | 'reject';
  /** The requests as the screen showed them (names for requests the service no longer has). */
  requests: readonly ExportRequest[];
}) {
  const want = action === 'accept' ? 'accepted' : 'rejected';
  const done = result.results.filter((r) => r.outcome === want);
  const notDone = result.results.filter((r) => r.outcome !== want);
  const name = (o: BulkDecisionOutcome) => {
    const shown = requests.find((r) => r.id === o.id);
    return shown ? describeItem(shown) : o.request ? describeItem(o.request as ExportRequest) : o.id;
  };
  return (
    <div className={notDone.length ? 'alert' : 'notice'} role="status">
      <p>
        {done.length} {action === 'accept' ? 'accepted' : 'rejected'}
        {notDone.length ? `, ${notDone.length} not ${action === 'accept' ? 'accepted' : 'rejected'}:` : '.'}
      </p>
      {notDone.length > 0 && (
        <ul>
          {notDone.map((o) => (
            <li key={o.id}>
              <strong>{name(o)}</strong>
              {o.outcome === 'not_found' ? ' no longer exists.' : ' was refused:'}
              {o.outcome !== 'not_found' && o.reasons.length > 0 && (
                <ul>
                  {o.reasons.map((r, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no identity of their own
                    <li key={i}>
                      {r.message}
                      <span className="muted"> ({r.rule})</span>
                    </li>
                  ))}
                </ul>
              )}
              {o.changed && o.request?.state === 'rejected' && (
                <p className="muted">It was returned to its sender with these reasons.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
