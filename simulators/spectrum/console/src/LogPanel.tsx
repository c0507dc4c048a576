import { useState } from 'react';
import { Button, Dialog, Form, Heading, Modal, Switch } from 'react-aria-components';
import {
  BASE,
  type LogEntry,
  logQuery,
  sim,
  useLog,
  useLogDetail,
  useLogSummary,
  useSettings,
  useSimMutation,
} from './api';
import { Field, fieldErrors, fmt, ProblemAlert, Status } from './components';

const OUTCOMES = [
  ['', 'any outcome'],
  ['ok', 'ok'],
  ['refused', 'refused by Spectrum (error rows)'],
  ['error', 'HTTP error'],
  ['fault', 'injected fault'],
] as const;

function touchedText(e: LogEntry): string {
  if (e.touchedCount) {
    const first = e.touched?.[0];
    return `${e.touchedCount} written${first ? ` (${first.op} ${first.collection}${e.touchedCount > 1 ? ', …' : ''})` : ''}`;
  }
  return e.rows !== undefined ? `${fmt(e.rows)} read` : '';
}

/** Every Spectrum call as it happens, filterable, with bodies one click away (secrets masked), downloadable. */
export function LogPanel() {
  const [live, setLive] = useState(true);
  const [filter, setFilter] = useState({ service: '', outcome: '' });
  const [openId, setOpenId] = useState<number | null>(null);
  const [done, setDone] = useState('');
  const log = useLog(filter, live);
  const summary = useLogSummary(live);
  const settings = useSettings();
  const [size, setSize] = useState('');
  const resize = useSimMutation((logSize: number) => sim('PATCH', '/settings', { logSize }));
  const clear = useSimMutation(() => sim('DELETE', '/requests'));
  const entries = [...(log.data ?? [])].reverse();
  const query = logQuery(filter);
  return (
    <div className="log-panel">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="log-service">Service</label>
          <select
            id="log-service"
            value={filter.service}
            onChange={(e) => setFilter((f) => ({ ...f, service: e.target.value }))}
          >
            <option value="">any service</option>
            {summary.data?.services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-outcome">Outcome</label>
          <select
            id="log-outcome"
            value={filter.outcome}
            onChange={(e) => setFilter((f) => ({ ...f, outcome: e.target.value }))}
          >
            {OUTCOMES.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <Switch isSelected={live} onChange={setLive} className="switch">
          <span className="track" aria-hidden="true" />
          Live
        </Switch>
        <a className="button-link" href={`${BASE}/requests/download${query ? `?${query}` : ''}`} download>
          Download log (NDJSON)
        </a>
        <Button
          className="danger"
          onPress={() => clear.mutate(undefined, { onSuccess: () => setDone('The log is empty.') })}
        >
          Clear log
        </Button>
      </div>
      <p className="muted">
        {summary.data
          ? `Keeping the last ${fmt(summary.data.capacity)} calls (${fmt(summary.data.size)} now, ${fmt(summary.data.total)} since start); bodies up to ${fmt(summary.data.bodyLimit)} bytes each; simulator memory ${summary.data.memory.rss} MB. Newest first; the table shows the latest 200 that match.`
          : ''}
      </p>
      {done && <Status>{done}</Status>}
      <Form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          resize.mutate(Number(size), { onSuccess: () => setDone(`The log keeps the last ${size} calls.`) });
        }}
      >
        <Field
          label="Calls kept (N)"
          name="logSize"
          value={size || String(settings.data?.logSize ?? '')}
          onChange={setSize}
          inputMode="numeric"
          description="1 to 100,000; memory stays bounded by N × the body limit"
          error={fieldErrors(resize.error).logSize}
        />
        <Button type="submit">Apply</Button>
      </Form>
      <ProblemAlert error={log.error} title="The log could not be read" />
      <table className="data log">
        <caption>Requests{filter.service || filter.outcome ? ' (filtered)' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Service</th>
            <th scope="col">Caller</th>
            <th scope="col">Status</th>
            <th scope="col">Outcome</th>
            <th scope="col">ms</th>
            <th scope="col">Rows</th>
            <th scope="col">
              <span className="visually-hidden">Bodies</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className={`outcome-${e.outcome}`}>
              <td>{e.id}</td>
              <td>{e.time.slice(11, 23)}</td>
              <td>
                {e.service || e.path}
                <span className="muted small"> {e.method}</span>
              </td>
              <td>{e.identity}</td>
              <td>{e.status === 0 ? 'dropped' : e.status}</td>
              <td>
                {e.outcome}
                {e.fault ? ` (${e.fault})` : ''}
                {e.refused ? <span className="small"> {e.refused}</span> : null}
              </td>
              <td>{e.durationMs}</td>
              <td>{touchedText(e)}</td>
              <td>
                <Button aria-label={`Bodies of request ${e.id}`} onPress={() => setOpenId(e.id)}>
                  Bodies
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && (
        <p>No request yet{filter.service || filter.outcome ? ' matches the filter' : ''}.</p>
      )}
      <Modal
        className="modal wide"
        isDismissable
        isOpen={openId !== null}
        onOpenChange={(o) => !o && setOpenId(null)}
      >
        <Dialog className="dialog">{() => <Bodies id={openId} onClose={() => setOpenId(null)} />}</Dialog>
      </Modal>
    </div>
  );
}

function Bodies({ id, onClose }: { id: number | null; onClose: () => void }) {
  const detail = useLogDetail(id);
  const d = detail.data;
  return (
    <>
      <Heading slot="title">
        Request {id}
        {d ? `: ${d.method} ${d.service || d.path}, ${d.status === 0 ? 'dropped' : d.status}` : ''}
      </Heading>
      <ProblemAlert error={detail.error} title="This request is no longer in the log" />
      {d && (
        <>
          <p className="muted">
            Secrets (Authorization IDs, client secrets, tokens) are masked. {d.path}
            {d.touched && d.touched.length > 0
              ? ` · wrote ${d.touched
                  .map(
                    (t) =>
                      `${t.op} ${t.collection} ${Object.values(t.key)
                        .filter((v) => v !== '' && v !== null)
                        .join('/')}`,
                  )
                  .join('; ')}`
              : ''}
          </p>
          <h3>
            Request ({fmt(d.request.bytes)} bytes{d.request.truncated ? ', cut at the log limit' : ''})
          </h3>
          <ul className="headers">
            {Object.entries(d.request.headers).map(([k, v]) => (
              <li key={k}>
                <code>
                  {k}: {v}
                </code>
              </li>
            ))}
          </ul>
          <section aria-label="Request body">
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable body must be reachable by keyboard (axe scrollable-region-focusable) */}
            <pre tabIndex={0}>{d.request.body || '(no body)'}</pre>
          </section>
          <h3>
            Response ({d.response.contentType || 'no body'}, {fmt(d.response.bytes)} bytes
            {d.response.truncated ? ', cut at the log limit' : ''})
          </h3>
          <section aria-label="Response body">
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable body must be reachable by keyboard (axe scrollable-region-focusable) */}
            <pre tabIndex={0}>{d.response.body || '(no body)'}</pre>
          </section>
        </>
      )}
      <Button onPress={onClose}>Close</Button>
    </>
  );
}
