import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { BASE, sim, useScenarios, useSimMutation, useStateSummary } from './api';
import { Field, fieldErrors, fmt, ProblemAlert, Status } from './components';

/** What the current data is, and the ways to change all of it: reset, switch, generate, download, load. */
export function ScenariosPanel() {
  const state = useStateSummary();
  const scenarios = useScenarios();
  const [done, setDone] = useState('');
  const [choice, setChoice] = useState('');
  const [gen, setGen] = useState<Record<string, string>>({ seed: '42', phaseRows: '200000', company: 'GEN' });
  const [file, setFile] = useState<File | null>(null);
  const reset = useSimMutation(() => sim<{ scenario: string }>('POST', '/reset'));
  const load = useSimMutation((name: string) => sim<{ scenario: string }>('POST', '/scenario', { name }));
  const generate = useSimMutation((g: Record<string, unknown>) =>
    sim<{ scenario: string }>('POST', '/scenario', { generator: g }),
  );
  const upload = useSimMutation(async (f: File) => {
    const res = await fetch(`${BASE}/store`, { method: 'PUT', body: await f.text() });
    const body = (await res.json()) as { scenario?: string; detail?: string };
    if (!res.ok) throw new Error(body.detail ?? `the store file was refused (${res.status})`);
    return body as { scenario: string };
  });
  const busy = reset.isPending || load.isPending || generate.isPending || upload.isPending;
  const loaded = (what: string) => (r: { scenario: string }) =>
    setDone(`${what}: scenario ${r.scenario} loaded.`);
  const genErrors = fieldErrors(generate.error);
  const current = scenarios.data?.current ?? state.data?.scenario ?? '';
  return (
    <div className="scenario-panel">
      <h2>Current data</h2>
      {state.data && (
        <p>
          Scenario <strong>{state.data.scenario}</strong> (started with{' '}
          <strong>{scenarios.data?.start ?? '…'}</strong>), store generation {state.data.generation}.
        </p>
      )}
      {busy && <Status>Working… (a large company takes a few seconds)</Status>}
      {!busy && done && <Status>{done}</Status>}
      <div className="two-columns">
        <div>
          <h2>Reset</h2>
          <p className="muted">
            Reloads the start-up scenario and clears every fault, the request log and the clock offset.
          </p>
          <Button isDisabled={busy} onPress={() => reset.mutate(undefined, { onSuccess: loaded('Reset') })}>
            Reset the scenario
          </Button>
          <ProblemAlert error={reset.error} title="The reset failed" />

          <h2>Switch scenario</h2>
          <Form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              load.mutate(choice || current, { onSuccess: loaded('Switched') });
            }}
          >
            <div className="field">
              <label htmlFor="scenario-choice">Scenario</label>
              <select
                id="scenario-choice"
                value={choice || current}
                onChange={(e) => setChoice(e.target.value)}
                aria-describedby="scenario-description"
              >
                {scenarios.data?.available.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
              <span id="scenario-description" className="muted">
                {scenarios.data?.available.find((s) => s.name === (choice || current))?.description ?? ''}
              </span>
            </div>
            <Button type="submit" isDisabled={busy}>
              Load scenario
            </Button>
          </Form>
          <ProblemAlert error={load.error} title="The scenario was not loaded" />

          <h2>Generate a company</h2>
          <Form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const g: Record<string, unknown> = {};
              for (const k of ['seed', 'phaseRows', 'jobs', 'vendors']) {
                const v = (gen[k] ?? '').trim();
                if (v !== '') g[k] = Number(v);
              }
              if ((gen.company ?? '').trim()) g.company = gen.company?.trim();
              generate.mutate(g, { onSuccess: loaded('Generated') });
            }}
          >
            {(
              [
                ['seed', 'Seed', 'same seed, same data'],
                ['phaseRows', 'Phase rows', '200,000 is the large company'],
                ['jobs', 'Jobs', 'blank: scaled from the phase rows'],
                ['vendors', 'Vendors', 'blank: scaled from the phase rows'],
                ['company', 'Company code', '1 to 3 uppercase characters'],
              ] as const
            ).map(([name, label, help]) => (
              <Field
                key={name}
                label={label}
                name={name}
                value={gen[name] ?? ''}
                onChange={(v) => setGen((g) => ({ ...g, [name]: v }))}
                description={help}
                error={genErrors[`generator.${name}`]}
                {...(name === 'company' ? {} : { inputMode: 'numeric' as const })}
              />
            ))}
            <Button type="submit" isDisabled={busy}>
              Generate
            </Button>
          </Form>
          <ProblemAlert error={generate.error} title="The company was not generated" />

          <h2>Store file</h2>
          <p>
            <a className="button-link" href={`${BASE}/store`} download>
              Download the store
            </a>{' '}
            <span className="muted">
              (a scenario file of every table; load it here or start with --scenario file.json)
            </span>
          </p>
          <Form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (file) upload.mutate(file, { onSuccess: loaded(`Loaded ${file.name}`) });
            }}
          >
            <div className="field">
              <label htmlFor="store-file">Store file</label>
              <input
                id="store-file"
                type="file"
                accept="application/json,.json"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
            <Button type="submit" isDisabled={busy || !file}>
              Load store file
            </Button>
          </Form>
          <ProblemAlert error={upload.error} title="The store file was not loaded" />
        </div>
        <section aria-labelledby="counts-heading">
          <h2 id="counts-heading">Rows per table</h2>
          {state.data && (
            <table className="data counts">
              <thead>
                <tr>
                  <th scope="col">Table</th>
                  <th scope="col">Rows</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(state.data.counts).map(([name, n]) => (
                  <tr key={name}>
                    <td>{name}</td>
                    <td className="number">{fmt(n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
