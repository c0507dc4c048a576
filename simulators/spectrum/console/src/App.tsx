import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useStateSummary } from './api';
import { FaultsPanel } from './FaultsPanel';
import { LogPanel } from './LogPanel';
import { ScenariosPanel } from './ScenariosPanel';
import { TablesPanel } from './TablesPanel';
import { useUrlState } from './url-state';

const TABS = ['scenario', 'tables', 'faults', 'log'] as const;

/** The simulator's console: its data, its faults and what it was asked, for testers and demos. */
export function App() {
  const [params, update] = useUrlState();
  const state = useStateSummary();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as string)
    : 'tables';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Spectrum simulator</span>
        <p className="glance">
          <span className="visually-hidden">Current data: </span>
          {state.data ? (
            <>
              Scenario <strong>{state.data.scenario}</strong> ·{' '}
              {(state.data.counts.jobs ?? 0).toLocaleString('en-US')} jobs ·{' '}
              {(state.data.counts.phases ?? 0).toLocaleString('en-US')} phase rows ·{' '}
              {(state.data.counts.vendors ?? 0).toLocaleString('en-US')} vendors · store generation{' '}
              {state.data.generation}
            </>
          ) : state.isError ? (
            'The simulator does not answer.'
          ) : (
            'Loading…'
          )}
        </p>
      </header>
      <main id="main" tabIndex={-1}>
        <h1 className="visually-hidden">Spectrum simulator console</h1>
        <Tabs selectedKey={tab} onSelectionChange={(key) => update({ tab: String(key) })}>
          <TabList aria-label="Console sections" className="tabs">
            <Tab id="scenario">Scenario</Tab>
            <Tab id="tables">Tables</Tab>
            <Tab id="faults">Faults</Tab>
            <Tab id="log">Request log</Tab>
          </TabList>
          <TabPanel id="scenario">
            <ScenariosPanel />
          </TabPanel>
          <TabPanel id="tables">
            <TablesPanel params={params} update={update} />
          </TabPanel>
          <TabPanel id="faults">
            <FaultsPanel />
          </TabPanel>
          <TabPanel id="log">
            <LogPanel />
          </TabPanel>
        </Tabs>
      </main>
    </>
  );
}
