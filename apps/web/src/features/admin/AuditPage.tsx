import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { useAuditEvents } from '../../api/admin';
import { QueryView } from '../../components/QueryView';
import { auditRoute } from '../../router';

const show = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** The audit log: who changed what and when, with the values before and after; filtered in the URL. */
export function AuditPage() {
  const search = auditRoute.useSearch();
  const navigate = auditRoute.useNavigate();
  const events = useAuditEvents(search);
  const [action, setAction] = useState(search.action ?? '');
  const [itemType, setItemType] = useState(search.itemType ?? '');
  return (
    <>
      <h1>Audit log</h1>
      <search>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            navigate({
              search: { action: action.trim() || undefined, itemType: itemType.trim() || undefined },
            });
          }}
        >
          <TextField value={action} onChange={setAction} className="field">
            <Label>Action</Label>
            <Input placeholder="e.g. export.synced" />
          </TextField>
          <TextField value={itemType} onChange={setItemType} className="field">
            <Label>Item type</Label>
            <Input placeholder="e.g. commitment" />
          </TextField>
          <Button type="submit">Filter</Button>
        </form>
      </search>
      <QueryView
        query={events}
        what="audit events"
        isEmpty={(d) => d.items.length === 0}
        empty="No event matches."
      >
        {(page) => (
          <>
            <table className="data">
              <caption className="visually-hidden">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Item</th>
                  <th scope="col">By</th>
                  <th scope="col">Before and after</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((e) => (
                  <tr key={e.id}>
                    <td>{new Date(e.at).toLocaleString()}</td>
                    <td>{e.action}</td>
                    <td>
                      {e.itemType} <span className="muted">{e.itemId ?? ''}</span>
                    </td>
                    <td>{e.actorId ?? 'the service'}</td>
                    <td>
                      <details>
                        <summary>Show the change</summary>
                        <div className="grid-2">
                          <div>
                            <strong>Before</strong>
                            <pre>{show(e.before)}</pre>
                          </div>
                          <div>
                            <strong>After</strong>
                            <pre>{show(e.after)}</pre>
                          </div>
                        </div>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              {page.nextCursor && (
                <Link to="/admin/audit" search={{ ...search, cursor: page.nextCursor ?? undefined }}>
                  Older events
                </Link>
              )}
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}
