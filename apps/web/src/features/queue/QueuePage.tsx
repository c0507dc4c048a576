import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import { useBulkDecide, useDecide, useExportRequests } from '../../api/hooks';
import type { BulkDecisionResult, ExportRequest } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { FilterButtons } from '../../components/FilterButtons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { StateBadge } from '../../components/StateBadge';
import { queueRoute } from '../../router';
import { BulkOutcomes } from './BulkOutcomes';
import { AcceptDialog, RejectDialog } from './DecisionDialogs';
import { describeItem, TYPE_LABELS } from './describe';
import { LiveProgress } from './LiveProgress';

const FILTERS: { state: string | undefined; label: string }[] = [
  { state: 'ready_to_export', label: 'Ready to Export' },
  { state: 'exporting', label: 'Exporting' },
  { state: 'failed', label: 'Failed' },
  { state: 'synced', label: 'Synced' },
  { state: 'rejected', label: 'Rejected' },
  { state: undefined, label: 'All' },
];

const when = (iso: string) => new Date(iso).toLocaleString();

/** The approval queue: what waits for an accounting approver, with every decision and why it may be unavailable. */
export function QueuePage() {
  const search = queueRoute.useSearch();
  const navigate = useNavigate({ from: '/queue' });
  const requests = useExportRequests(search.state, search.type, search.cursor);
  const decide = useDecide();
  const [accepting, setAccepting] = useState<ExportRequest | null>(null);
  const [rejecting, setRejecting] = useState<ExportRequest[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const bulk = useBulkDecide();
  const [bulkResult, setBulkResult] = useState<{
    result: BulkDecisionResult;
    action: 'accept' | 'reject';
    requests: ExportRequest[];
  } | null>(null);
  const items = requests.data?.items ?? [];
  const selectable = items.filter((r) => r.state === 'ready_to_export');
  const chosen = items.filter((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  // APP-9: one call for every selected request; each comes back with its own outcome
  const acceptSelected = async () => {
    const shown = chosen;
    try {
      const result = await bulk.mutateAsync({ action: 'accept', ids: shown.map((r) => r.id) });
      setSelected(new Set());
      setBulkResult({ result, action: 'accept', requests: shown });
    } catch {
      setBulkResult(null);
    }
  };

  return (
    <>
      <h1>Approval queue</h1>
      <div className="toolbar">
        <FilterButtons
          label="Show requests"
          options={FILTERS}
          value={search.state}
          onChange={(state) => navigate({ search: { ...search, state, cursor: undefined } })}
        />
        <label>
          Item type{' '}
          <select
            value={search.type ?? ''}
            onChange={(e) =>
              navigate({ search: { ...search, type: e.target.value || undefined, cursor: undefined } })
            }
          >
            <option value="">All types</option>
            {Object.entries(TYPE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {selectable.length > 0 && (
        <fieldset className="toolbar filters">
          <legend className="visually-hidden">Selected requests</legend>
          <span aria-live="polite">{chosen.length} selected</span>
          <Button
            isDisabled={chosen.length === 0 || bulk.isPending}
            onPress={acceptSelected}
            data-variant="primary"
          >
            Accept selected
          </Button>
          <Button isDisabled={chosen.length === 0} onPress={() => setRejecting(chosen)} data-variant="danger">
            Reject selected
          </Button>
        </fieldset>
      )}
      {bulkResult && (
        <BulkOutcomes result={bulkResult.result} action={bulkResult.action} requests={bulkResult.requests} />
      )}
      <ProblemAlert error={bulk.error} />
      <ProblemAlert error={decide.error && !bulkResult ? decide.error : null} />
      <QueryView
        query={requests}
        what="export requests"
        isEmpty={(d) => d.items.length === 0}
        empty="Nothing here: no export request matches this filter."
      >
        {(page) => (
          <>
            <table className="data">
              <caption className="visually-hidden">Export requests</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col">Item</th>
                  <th scope="col">State</th>
                  <th scope="col">Spectrum key</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => {
                  const name = describeItem(r);
                  return (
                    <tr key={r.id} data-selected={selected.has(r.id) || undefined}>
                      <td>
                        {r.state === 'ready_to_export' && (
                          <Checkbox
                            isSelected={selected.has(r.id)}
                            onChange={(on) => toggle(r.id, on)}
                            aria-label={`Select ${name}`}
                          >
                            <span aria-hidden="true">{selected.has(r.id) ? '☑' : '☐'}</span>
                          </Checkbox>
                        )}
                      </td>
                      <td>
                        <Link to="/queue/$id" params={{ id: r.id }}>
                          {name}
                        </Link>
                        <div className="muted">{TYPE_LABELS[r.type] ?? r.type}</div>
                      </td>
                      <td>
                        <StateBadge state={r.state} />
                        {r.state === 'exporting' && <LiveProgress request={r} />}
                      </td>
                      <td>{r.spectrumKey ?? <span className="muted">not fixed yet</span>}</td>
                      <td>{when(r.sentAt)}</td>
                      <td>
                        {r.lastError && <span className="error-text">{r.lastError}</span>}
                        {r.rejectReason && <span>Rejected: {r.rejectReason}</span>}
                      </td>
                      <td>
                        <div className="actions">
                          {r.state === 'ready_to_export' && (
                            <>
                              <ActionButton
                                action="accept"
                                label="Accept"
                                itemLabel={name}
                                variant="primary"
                                blockedBy={r.blockedBy}
                                onPress={() => setAccepting(r)}
                              />
                              <ActionButton
                                action="reject"
                                label="Reject"
                                itemLabel={name}
                                variant="danger"
                                blockedBy={r.blockedBy}
                                onPress={() => setRejecting([r])}
                              />
                              <ActionButton
                                action="retrieve"
                                label="Take back"
                                itemLabel={name}
                                blockedBy={r.blockedBy}
                                onPress={() => decide.mutate({ action: 'retrieve', id: r.id })}
                              />
                            </>
                          )}
                          {r.state === 'failed' && (
                            <>
                              <ActionButton
                                action="retry"
                                label="Retry"
                                itemLabel={name}
                                variant="primary"
                                blockedBy={r.blockedBy}
                                onPress={() => decide.mutate({ action: 'retry', id: r.id })}
                              />
                              <ActionButton
                                action="reject"
                                label="Reject"
                                itemLabel={name}
                                variant="danger"
                                blockedBy={r.blockedBy}
                                onPress={() => setRejecting([r])}
                              />
                            </>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="pager">
              {search.cursor && (
                <Link to="/queue" search={{ ...search, cursor: undefined }}>
                  First page
                </Link>
              )}
              {page.nextCursor && (
                <Link to="/queue" search={{ ...search, cursor: page.nextCursor ?? undefined }}>
                  Next page
                </Link>
              )}
            </div>
          </>
        )}
      </QueryView>
      {accepting && (
        <AcceptDialog
          request={accepting}
          onClose={(accepted) => {
            const id = accepting.id;
            setAccepting(null);
            // the request's own page follows the export live until it is Synced or Failed
            if (accepted) navigate({ to: '/queue/$id', params: { id } });
          }}
        />
      )}
      {rejecting && (
        <RejectDialog
          requests={rejecting}
          onClose={(done) => {
            const shown = rejecting;
            setRejecting(null);
            if (done) {
              setSelected(new Set());
              // several rejected in one call: each one's outcome stays on the page
              if (shown.length > 1) setBulkResult({ result: done, action: 'reject', requests: shown });
            }
          }}
        />
      )}
    </>
  );
}
