import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { type Fault, sim, useFaultOptions, useFaultPresets, useFaults, useSimMutation } from './api';
import { Field, fieldErrors, ProblemAlert, Status } from './components';

const KIND_HELP: Record<string, string> = {
  latency: 'wait ms before answering',
  'server-fault': 'SOAP Server fault "Error executing Web Service"',
  'client-fault': 'SOAP Client fault of a Spectrum without this service',
  'drop-connection': 'close the connection (before, or after applying a write)',
  'http-500': 'HTTP 500',
  'http-503': 'HTTP 503 Service Unavailable',
  timeout: 'hold the request until the client gives up',
  truncate: "cut the reply's closing tags",
  'auth-failure': 'not authorized',
  'guid-timeout': 'the GUID has timed out',
  crash: 'the Put fails after afterWrites statements and rolls back',
  refuse: 'Spectrum refuses the call with the message (Put I row, Get E row, REST 400)',
};

const NUMBER_FIELDS = [
  ['ms', 'Delay (ms)', 'latency: milliseconds to wait'],
  ['times', 'Times', 'fire on the next N matching calls only (blank: until cleared)'],
  ['skip', 'Skip', 'let the first N matching calls through'],
  ['rate', 'Rate', 'probability 0..1 per matching call'],
  ['seed', 'Seed', 'seed of the rate draw (repeatable)'],
  ['afterWrites', 'After writes', 'crash: statement count at which the Put fails'],
] as const;

function describeFault(f: Fault): string {
  const parts: string[] = [];
  if (f.ms !== undefined) parts.push(`${f.ms} ms`);
  if (f.when) parts.push(f.when);
  if (f.times !== undefined) parts.push(`${f.times} time${f.times === 1 ? '' : 's'}`);
  if (f.skip !== undefined) parts.push(`skip ${f.skip}`);
  if (f.rate !== undefined) parts.push(`rate ${f.rate}${f.seed !== undefined ? ` (seed ${f.seed})` : ''}`);
  if (f.afterWrites !== undefined) parts.push(`after ${f.afterWrites} writes`);
  if (f.message) parts.push(`“${f.message}”`);
  return parts.join(', ') || 'every call until cleared';
}

/** Arm, list and clear fault rules: every option of the control API, and one-click sets. */
export function FaultsPanel() {
  const faults = useFaults();
  const options = useFaultOptions();
  const presets = useFaultPresets();
  const [done, setDone] = useState('');
  const [form, setForm] = useState<Record<string, string>>({ service: '*', kind: 'http-503', when: '' });
  const arm = useSimMutation((spec: Record<string, unknown>) => sim<Fault[]>('POST', '/faults', spec));
  const preset = useSimMutation((name: string) => sim<Fault[]>('POST', `/fault-presets/${name}`));
  const clearOne = useSimMutation((id: number) => sim('DELETE', `/faults/${id}`));
  const clearAll = useSimMutation(() => sim('DELETE', '/faults'));
  const errors = fieldErrors(arm.error);
  const set = (name: string) => (v: string) => setForm((old) => ({ ...old, [name]: v }));

  const submit = () => {
    const spec: Record<string, unknown> = { service: form.service, kind: form.kind };
    for (const [name] of NUMBER_FIELDS) {
      const v = (form[name] ?? '').trim();
      if (v !== '') spec[name] = Number(v);
    }
    if (form.when) spec.when = form.when;
    if ((form.message ?? '').trim() !== '') spec.message = form.message;
    setDone('');
    arm.mutate(spec, { onSuccess: (r) => setDone(`Armed fault ${r.map((f) => f.id).join(', ')}.`) });
  };

  return (
    <div className="faults-panel">
      <h2>One-click faults</h2>
      <ul className="presets">
        {presets.data?.map((p) => (
          <li key={p.name}>
            <Button
              onPress={() => {
                setDone('');
                preset.mutate(p.name, { onSuccess: () => setDone(`Armed: ${p.label}.`) });
              }}
              aria-describedby={`preset-${p.name}`}
            >
              {p.label}
            </Button>
            <span id={`preset-${p.name}`} className="muted">
              {p.description}
            </span>
          </li>
        ))}
      </ul>
      {done && <Status>{done}</Status>}
      <ProblemAlert error={preset.error} title="The preset was not armed" />

      <h2>Add a fault rule</h2>
      <Form
        className="fault-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="form-grid">
          <div className="field">
            <label htmlFor="fault-service">Service</label>
            <select
              id="fault-service"
              value={form.service}
              onChange={(e) => set('service')(e.target.value)}
              aria-describedby="fault-service-help"
            >
              {(options.data?.services ?? ['*']).map((s) => (
                <option key={s} value={s}>
                  {s === '*' ? '* (every call)' : s}
                </option>
              ))}
            </select>
            <span id="fault-service-help" className="muted">
              SOAP service, REST (vendors, scheduleofvalues), infolink or token
            </span>
          </div>
          <div className="field">
            <label htmlFor="fault-kind">Kind</label>
            <select
              id="fault-kind"
              value={form.kind}
              onChange={(e) => set('kind')(e.target.value)}
              aria-describedby="fault-kind-help"
            >
              {(options.data?.kinds ?? []).map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <span id="fault-kind-help" className="muted">
              {KIND_HELP[form.kind ?? ''] ?? ''}
            </span>
          </div>
          <div className="field">
            <label htmlFor="fault-when">When (drop-connection)</label>
            <select id="fault-when" value={form.when} onChange={(e) => set('when')(e.target.value)}>
              <option value="">default (before)</option>
              <option value="before">before</option>
              <option value="after">after the write</option>
            </select>
          </div>
          {NUMBER_FIELDS.map(([name, label, help]) => (
            <Field
              key={name}
              label={label}
              name={name}
              value={form[name] ?? ''}
              onChange={set(name)}
              description={help}
              error={errors[name]}
              inputMode={name === 'rate' ? 'decimal' : 'numeric'}
            />
          ))}
          <Field
            label="Message (refuse)"
            name="message"
            value={form.message ?? ''}
            onChange={set('message')}
            description="the refusal's text"
            error={errors.message}
          />
        </div>
        <ProblemAlert error={arm.error} title="The fault was not armed" />
        <Button type="submit" isDisabled={arm.isPending}>
          Add fault
        </Button>
      </Form>

      <h2>Armed faults</h2>
      {faults.data && faults.data.length === 0 && <p>No fault is armed: Spectrum answers normally.</p>}
      {faults.data && faults.data.length > 0 && (
        <>
          <table className="data">
            <caption className="visually-hidden">Armed faults</caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Service</th>
                <th scope="col">Kind</th>
                <th scope="col">Options</th>
                <th scope="col">Fired</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {faults.data.map((f) => (
                <tr key={f.id}>
                  <td>{f.id}</td>
                  <td>{f.service}</td>
                  <td>{f.kind}</td>
                  <td>{describeFault(f)}</td>
                  <td>{f.fired}</td>
                  <td>
                    <Button aria-label={`Clear fault ${f.id}`} onPress={() => clearOne.mutate(f.id)}>
                      Clear
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button
            className="danger"
            onPress={() => clearAll.mutate(undefined, { onSuccess: () => setDone('Every fault cleared.') })}
          >
            Clear all faults
          </Button>
        </>
      )}
    </div>
  );
}
