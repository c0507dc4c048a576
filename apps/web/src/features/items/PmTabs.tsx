import { Link } from '@tanstack/react-router';
import { useCommitments, useCompanies, useProjects } from '../../api/hooks';
import type { SyncItem } from '../../api/types';
import { formatCents } from '../../components/money';
import { QueryView } from '../../components/QueryView';
import { SendToErp } from '../../components/SendToErp';
import { Pager } from './Pager';
import { SyncCells, SyncHead } from './SyncCells';

const EMPTY = 'Nothing matches this filter.';

function SendButton({ item, name }: { item: SyncItem; name: string }) {
  return <SendToErp item={item} what={name} itemLabel={name} />;
}

export function CommitmentsTab({
  state,
  cursor,
}: {
  state?: string | undefined;
  cursor?: string | undefined;
}) {
  const query = useCommitments(state, cursor);
  return (
    <QueryView query={query} what="commitments" isEmpty={(d) => d.items.length === 0} empty={EMPTY}>
      {(page) => (
        <>
          <table className="data">
            <caption className="visually-hidden">Commitments</caption>
            <SyncHead first={['Commitment', 'Company', 'Status', 'Amount']} />
            <tbody>
              {page.items.map((c) => {
                const name = `${c.number} ${c.title}`;
                return (
                  <tr key={c.id}>
                    <td>
                      <Link to="/commitments/$id" params={{ id: c.id }}>
                        {name}
                      </Link>
                    </td>
                    <td>{c.companyName}</td>
                    <td>{c.status.replace(/_/g, ' ')}</td>
                    <td className="num">{formatCents(c.totalCents)}</td>
                    <SyncCells item={c} />
                    <td>
                      <SendButton item={c} name={name} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager type="commitment" search={{ state, cursor }} nextCursor={page.nextCursor} />
        </>
      )}
    </QueryView>
  );
}

export function ProjectsTab({
  state,
  q,
  cursor,
}: {
  state?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
}) {
  const query = useProjects(state, q, cursor);
  return (
    <QueryView query={query} what="projects" isEmpty={(d) => d.items.length === 0} empty={EMPTY}>
      {(page) => (
        <>
          <table className="data">
            <caption className="visually-hidden">Projects</caption>
            <SyncHead first={['Project', 'Number', 'Cost codes']} />
            <tbody>
              {page.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.name}{' '}
                    <Link
                      to="/projects/$projectId/budget"
                      params={{ projectId: p.id }}
                      aria-label={`Budget of ${p.name}`}
                    >
                      Budget
                    </Link>
                  </td>
                  <td>{p.number ?? ''}</td>
                  <td className="num">{p.costCodeCount}</td>
                  <SyncCells item={p} />
                  <td>
                    <SendButton item={p} name={p.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager type="project" search={{ state, q, cursor }} nextCursor={page.nextCursor} />
        </>
      )}
    </QueryView>
  );
}

export function CompaniesTab({
  state,
  q,
  cursor,
}: {
  state?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
}) {
  const query = useCompanies(state, q, cursor);
  return (
    <QueryView query={query} what="companies" isEmpty={(d) => d.items.length === 0} empty={EMPTY}>
      {(page) => (
        <>
          <table className="data">
            <caption className="visually-hidden">Companies</caption>
            <SyncHead first={['Company', 'Vendor type', 'City']} />
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.vendorType ?? ''}</td>
                  <td>{c.city ?? ''}</td>
                  <SyncCells item={c} />
                  <td>
                    <SendButton item={c} name={c.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager type="company" search={{ state, q, cursor }} nextCursor={page.nextCursor} />
        </>
      )}
    </QueryView>
  );
}
