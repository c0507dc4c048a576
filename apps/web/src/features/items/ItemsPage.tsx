import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { useCurrentUser } from '../../api/hooks';
import { FilterButtons } from '../../components/FilterButtons';
import { itemsRoute } from '../../router';
import { ImportablesTab } from './ImportablesTab';
import { CommitmentsTab, CompaniesTab, ProjectsTab } from './PmTabs';

/** The tabs of the ERP Integrations tool, one per item type, with the filters each offers. */
export const ITEM_TABS = [
  { type: 'commitment', label: 'Commitments', kind: 'pm' },
  { type: 'project', label: 'Projects', kind: 'pm' },
  { type: 'company', label: 'Companies', kind: 'pm' },
  { type: 'job', label: 'Spectrum jobs', kind: 'import' },
  { type: 'vendor', label: 'Spectrum vendors', kind: 'import' },
  { type: 'budget', label: 'Budgets', kind: 'import' },
  { type: 'prime_contract', label: 'Prime contracts', kind: 'import' },
] as const;

const PM_FILTERS = [
  { state: undefined, label: 'All' },
  { state: 'ready_to_export', label: 'Ready to Export' },
  { state: 'synced', label: 'Synced' },
  { state: 'failed', label: 'Failed' },
  { state: 'rejected', label: 'Rejected' },
];
const IMPORT_FILTERS = [
  { state: 'ready_to_import', label: 'Ready to Import' },
  { state: 'synced', label: 'Synced' },
  { state: undefined, label: 'All' },
];

export function ItemsPage() {
  const { type } = itemsRoute.useParams();
  const search = itemsRoute.useSearch();
  const navigate = useNavigate({ from: '/items/$type' });
  const me = useCurrentUser();
  const tab = ITEM_TABS.find((t) => t.type === type) ?? ITEM_TABS[0];
  const filters = tab.kind === 'pm' ? PM_FILTERS : IMPORT_FILTERS;
  const [q, setQ] = useState(search.q ?? '');
  const searchable = type === 'project' || type === 'company';
  return (
    <>
      <h1>ERP Integrations</h1>
      <nav aria-label="Item types">
        <ul className="tabs">
          {ITEM_TABS.map((t) => (
            <li key={t.type}>
              <Link
                to="/items/$type"
                params={{ type: t.type }}
                search={{}}
                aria-current={t.type === type ? 'page' : undefined}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="toolbar">
        <FilterButtons
          label={`Filter ${tab.label}`}
          options={filters}
          value={search.state}
          onChange={(state) => navigate({ search: { ...search, state, cursor: undefined } })}
        />
        {searchable && (
          <search>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                navigate({ search: { ...search, q: q.trim() || undefined, cursor: undefined } });
              }}
            >
              <SearchField
                value={q}
                onChange={setQ}
                onClear={() => navigate({ search: { ...search, q: undefined } })}
              >
                <Label>Search {tab.label.toLowerCase()}</Label>
                <Input />
              </SearchField>
              <Button type="submit">Search</Button>
            </form>
          </search>
        )}
        {type === 'commitment' && me.data && me.data.level !== 'read_only' && me.data.level !== 'none' && (
          <Link to="/commitments/new" className="button">
            New commitment
          </Link>
        )}
      </div>
      {type === 'commitment' && <CommitmentsTab state={search.state} cursor={search.cursor} />}
      {type === 'project' && <ProjectsTab state={search.state} q={search.q} cursor={search.cursor} />}
      {type === 'company' && <CompaniesTab state={search.state} q={search.q} cursor={search.cursor} />}
      {tab.kind === 'import' && <ImportablesTab type={type} state={search.state} cursor={search.cursor} />}
    </>
  );
}
