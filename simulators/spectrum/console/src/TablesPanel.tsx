import { useEffect, useState } from 'react';
import { Button, Form, Input, Label, SearchField } from 'react-aria-components';
import { type Json, keyParams, useTablePage, useTables } from './api';
import { fmt, ProblemAlert } from './components';
import { AddRecordDialog, RecordPanel } from './RecordPanel';
import { keyHeader, keyOf, keyText, shownColumns } from './table-view';

const label = (name: string): string => name.replace(/_/g, ' ');

/** Browse, search and page every table; open a record with its related records; add, change, delete. */
export function TablesPanel({
  params,
  update,
}: {
  params: URLSearchParams;
  update: (changes: Record<string, string | null>) => void;
}) {
  const tables = useTables();
  const collection = params.get('table') ?? 'jobs';
  const q = params.get('q') ?? '';
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  const rec = params.get('rec');
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const page = useTablePage(collection, q, { ...(after ? { after } : {}), ...(before ? { before } : {}) });
  const info = tables.data?.find((t) => t.collection === collection);
  const recordKey = rec ? Object.fromEntries(new URLSearchParams(rec).entries()) : null;
  const open = (table: string, key: Json) =>
    update({
      table,
      rec: keyParams(key),
      ...(table === collection ? {} : { q: null, after: null, before: null }),
    });

  if (tables.isError) return <ProblemAlert error={tables.error} title="The tables could not be read" />;
  if (!tables.data) return <p>Loading tables…</p>;
  const columns = info ? shownColumns(info) : [];
  const data = page.data;
  return (
    <div className="tables-panel">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="table-choice">Table</label>
          <select
            id="table-choice"
            value={collection}
            onChange={(e) => update({ table: e.target.value, q: null, after: null, before: null, rec: null })}
          >
            {tables.data.map((t) => (
              <option key={t.collection} value={t.collection}>
                {t.label} ({fmt(t.count)})
              </option>
            ))}
          </select>
        </div>
        <Form
          className="search-form"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: search, after: null, before: null });
          }}
        >
          <SearchField
            className="field"
            value={search}
            onChange={setSearch}
            onClear={() => update({ q: null, after: null, before: null })}
          >
            <Label>Search {info?.label.toLowerCase() ?? ''}</Label>
            <Input />
          </SearchField>
          <Button type="submit">Search</Button>
        </Form>
        {info && (
          <AddRecordDialog
            info={info}
            company={String(page.data?.rows[0]?.Company_Code ?? '')}
            onAdded={(key) => open(info.collection, key)}
          />
        )}
      </div>
      <ProblemAlert error={page.error} title="This page could not be read" />
      {info && data && (
        <>
          <table className="data">
            <caption>
              {info.label}
              {q ? ` containing “${q}”` : ''}:{' '}
              {data.totalIsExact ? fmt(data.total) : `more than ${fmt(data.total)}`}{' '}
              {data.total === 1 ? 'row' : 'rows'}
              {info.infolink ? ` (Info-Link ${info.infolink})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">{keyHeader(info)}</th>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {label(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => {
                const key = keyOf(info, row);
                return (
                  <tr key={keyParams(key)} className={rec === keyParams(key) ? 'selected' : undefined}>
                    <td>
                      <Button className="link-button" onPress={() => open(info.collection, key)}>
                        {keyText(info, row)}
                      </Button>
                    </td>
                    {columns.map((c) => (
                      <td key={c}>{String(row[c] ?? '')}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data.rows.length === 0 && <p>No rows.</p>}
          <nav className="pager" aria-label="Pages">
            <Button
              isDisabled={!data.prevCursor}
              onPress={() => update({ before: data.prevCursor, after: null })}
            >
              Previous page
            </Button>
            <Button
              isDisabled={!data.nextCursor}
              onPress={() => update({ after: data.nextCursor, before: null })}
            >
              Next page
            </Button>
            {page.isFetching && <span className="muted">Loading…</span>}
          </nav>
        </>
      )}
      {info && recordKey && (
        <RecordPanel
          info={info}
          tables={tables.data}
          recordKey={recordKey}
          onOpen={open}
          onClose={() => update({ rec: null })}
        />
      )}
    </div>
  );
}
