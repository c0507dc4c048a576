import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useDecide, useExportRequest } from '../../api/hooks';
import { useExportStream } from '../../api/live';
import { ActionButton } from '../../components/ActionButton';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { StateBadge } from '../../components/StateBadge';
import { requestRoute } from '../../router';
import { AcceptDialog, RejectDialog } from './DecisionDialogs';
import { describeItem, TYPE_LABELS } from './describe';
import { VerificationPanel } from './VerificationPanel';

/** One export request: its state, every Spectrum step (live while it runs), its error and its decisions. */
export function RequestPage() {
  const { id } = requestRoute.useParams();
  const query = useExportRequest(id);
  const decide = useDecide();
  const [dialog, setDialog] = useState<'accept' | 'reject' | null>(null);
  // live while it runs, and once synced until its read-back from Spectrum (VER-4) is known
  const r = query.data;
  const justSynced =
    r?.state === 'synced' &&
    !r.verification &&
    r.finishedAt !== null &&
    Date.now() - Date.parse(r.finishedAt) < 5 * 60_000;
  const live = useExportStream(id, r?.state === 'exporting' || justSynced);
  return (
    <>
      <p>
        <Link to="/queue" search={{}}>
          ← Approval queue
        </Link>
      </p>
      <QueryView query={query} what="the export request">
        {(r) => {
          const name = describeItem(r);
          const liveDone = new Set(live.steps.map((s) => s.seq));
          return (
            <>
              <h1>
                {TYPE_LABELS[r.type] ?? r.type} {name}
              </h1>
              <div className="card">
                <dl className="facts">
                  <dt>State</dt>
                  <dd>
                    <StateBadge state={r.state} />
                  </dd>
                  <dt>Spectrum key</dt>
                  <dd>{r.spectrumKey ?? 'fixed when accepted'}</dd>
                  <dt>Sent</dt>
                  <dd>{new Date(r.sentAt).toLocaleString()}</dd>
                  {r.note && (
                    <>
                      <dt>Approver's note</dt>
                      <dd>{r.note}</dd>
                    </>
                  )}
                  {r.rejectReason && (
                    <>
                      <dt>Rejected because</dt>
                      <dd>{r.rejectReason}</dd>
                    </>
                  )}
                  {r.lastError && (
                    <>
                      <dt>Last error</dt>
                      <dd className="error-text">{r.lastError}</dd>
                    </>
                  )}
                </dl>
              </div>
              {(r.steps?.length ?? 0) > 0 && (
                <section aria-labelledby="steps-heading">
                  <h2 id="steps-heading">Spectrum writes</h2>
                  <ol className="steps" aria-live="polite">
                    {(r.steps ?? []).map((s) => (
                      <li
                        key={s.seq}
                        data-status={s.status === 'done' || liveDone.has(s.seq) ? 'done' : 'pending'}
                      >
                        {s.name} <span className="muted">({s.service})</span>
                        <span className="visually-hidden">
                          {s.status === 'done' || liveDone.has(s.seq) ? ' done' : ' not sent yet'}
                        </span>
                      </li>
                    ))}
                  </ol>
                </section>
              )}
              {r.state === 'synced' && <VerificationPanel request={r} />}
              <div className="toolbar">
                {r.state === 'ready_to_export' && (
                  <>
                    <ActionButton
                      action="accept"
                      label="Accept"
                      variant="primary"
                      blockedBy={r.blockedBy}
                      onPress={() => setDialog('accept')}
                    />
                    <ActionButton
                      action="reject"
                      label="Reject"
                      variant="danger"
                      blockedBy={r.blockedBy}
                      onPress={() => setDialog('reject')}
                    />
                  </>
                )}
                {r.state === 'failed' && (
                  <ActionButton
                    action="retry"
                    label="Retry"
                    variant="primary"
                    blockedBy={r.blockedBy}
                    isPending={decide.isPending}
                    onPress={() => decide.mutate({ action: 'retry', id: r.id })}
                  />
                )}
              </div>
              <ProblemAlert error={decide.error} />
              {dialog === 'accept' && <AcceptDialog request={r} onClose={() => setDialog(null)} />}
              {dialog === 'reject' && <RejectDialog requests={[r]} onClose={() => setDialog(null)} />}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
