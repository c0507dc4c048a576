import { useId, useState } from 'react';
import { Button, Dialog, Heading, Modal } from 'react-aria-components';
import { type ImportAction, useImportAction, useImportables, useProjects } from '../../api/hooks';
import type { Importable, VendorMatch } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { formatCents } from '../../components/money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';
import { Pager } from './Pager';
import { SYNC_HEADERS, SyncCells } from './SyncCells';

type Column = { header: string; value: (i: Importable) => string };
const s = (i: Importable, k: string) => {
  const v = (i.spectrum as Record<string, unknown> | null)?.[k];
  return v === null || v === undefined ? '' : String(v);
};

const COLUMNS: Record<string, Column[]> = {
  job: [
    { header: 'Job', value: (i) => s(i, 'jobNumber') },
    { header: 'Description', value: (i) => s(i, 'description') },
    { header: 'Spectrum status', value: (i) => s(i, 'statusCode') },
  ],
  vendor: [
    { header: 'Vendor', value: (i) => s(i, 'vendorCode') },
    { header: 'Name', value: (i) => s(i, 'name') },
    { header: 'Type', value: (i) => s(i, 'type') },
    { header: 'City', value: (i) => s(i, 'city') },
  ],
  budget: [
    { header: 'Job', value: (i) => i.spectrumKey ?? s(i, 'jobNumber') },
    {
      header: 'Phase rows with an estimate',
      value: (i) => `${s(i, 'rowsWithEstimate')} of ${s(i, 'phaseRows')}`,
    },
    { header: 'Spectrum total', value: (i) => totals(i, 'spectrumTotalCents') },
    { header: 'PM total', value: (i) => totals(i, 'pmTotalCents') },
  ],
  prime_contract: [
    { header: 'Contract', value: (i) => s(i, 'contractNumber') || (i.spectrumKey ?? '') },
    { header: 'Description', value: (i) => s(i, 'description') },
    { header: 'Original contract', value: (i) => money(i, 'originalContractCents') },
    { header: 'Billing items', value: (i) => s(i, 'items') },
  ],
};

const money = (i: Importable, k: string) => {
  const v = (i.spectrum as Record<string, unknown> | null)?.[k];
  return typeof v === 'number' ? formatCents(v) : '';
};
const totals = (i: Importable, k: 'spectrumTotalCents' | 'pmTotalCents' | 'newPmTotalCents') =>
  'totals' in i && i.totals ? formatCents(i.totals[k]) : '';

const ACTIONS: Record<string, { action: ImportAction; label: string }[]> = {
  job: [{ action: 'importJob', label: 'Import as project' }],
  vendor: [{ action: 'importVendor', label: 'Import as company' }],
  budget: [
    { action: 'importBudget', label: 'Import budget' },
    { action: 'reimportBudget', label: 'Re-import budget' },
  ],
  prime_contract: [
    { action: 'importPrimeContract', label: 'Import prime contract' },
    { action: 'reimportPrimeContract', label: 'Re-import prime contract' },
  ],
};

/** Spectrum records staged by the sync, ready to import into the PM side (or already imported). */
export function ImportablesTab({
  type,
  state,
  cursor,
}: {
  type: string;
  state?: string | undefined;
  cursor?: string | undefined;
}) {
  const query = useImportables(type, state, cursor);
  const columns = COLUMNS[type] ?? [];
  // outcomes are announced above the table: a row that was imported may leave the filtered list
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <p role="status" className={notice ? 'notice' : 'visually-hidden'}>
        {notice}
      </p>
      <QueryView
        query={query}
        what="Spectrum records"
        isEmpty={(d) => d.items.length === 0}
        empty="Nothing matches this filter. A sync brings Spectrum's records here."
      >
        {(page) => (
          <>
            <table className="data">
              <caption className="visually-hidden">Spectrum records</caption>
              <thead>
                <tr>
                  {[...columns.map((c) => c.header), ...SYNC_HEADERS, 'Actions'].map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.items.map((i) => (
                  <tr key={i.id}>
                    {columns.map((c) => (
                      <td key={c.header}>{c.value(i)}</td>
                    ))}
                    <SyncCells item={i} />
                    <td>
                      <ImportActions item={i} onNotice={setNotice} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager type={type} search={{ state, cursor }} nextCursor={page.nextCursor} />
          </>
        )}
      </QueryView>
    </>
  );
}

function ImportActions({ item, onNotice }: { item: Importable; onNotice: (text: string) => void }) {
  const name0 = item.spectrumKey ?? item.id;
  const run = useImportAction((input) =>
    onNotice(
      input.action === 'reimportBudget'
        ? `Done: the budget of ${name0} was re-imported.`
        : `Done: ${name0} is synced.`,
    ),
  );
  const [confirming, setConfirming] = useState(false);
  const name = item.spectrumKey ?? item.id;
  const [pickedProject, setProjectId] = useState<string | null>(null);
  // PC-1: the project made from the contract's job is offered first
  const projects = useProjects(undefined, undefined, undefined);
  const job = String((item.spectrum as Record<string, unknown> | null)?.jobNumber ?? '');
  const projectId =
    pickedProject ??
    (item.type === 'prime_contract' ? projects.data?.items.find((p) => p.number === job)?.id : null) ??
    null;
  const actions = ACTIONS[item.type] ?? [];
  const other = item.blockedBy.filter(
    (b) => !actions.some((a) => a.action === b.action) && b.action !== 'linkVendor',
  );
  return (
    <div className="actions">
      {item.type === 'prime_contract' && item.state === 'ready_to_import' && (
        <ProjectChoice projects={projects.data?.items ?? []} value={projectId} onChange={setProjectId} />
      )}
      {actions.map((a) => (
        <ActionButton
          key={a.action}
          action={a.action}
          label={a.label}
          itemLabel={name}
          blockedBy={item.blockedBy}
          isPending={run.isPending || (a.action === 'importPrimeContract' && !projectId)}
          onPress={() => {
            // BUD-3: a re-import overwrites the PM lines, so it asks first
            if (a.action === 'reimportBudget') {
              setConfirming(true);
              return;
            }
            const body = a.action === 'importPrimeContract' && projectId ? { projectId } : {};
            run.mutate({ id: item.id, action: a.action, body });
          }}
        />
      ))}
      {item.type === 'vendor' && <LinkVendor item={item} onNotice={onNotice} />}
      {confirming && <ConfirmReimport item={item} run={run} onClose={() => setConfirming(false)} />}
      {other.map((b) => (
        <div key={b.action}>
          <span>{b.action} is unavailable:</span>
          <ul className="reasons">
            {b.reasons.map((r) => (
              <li key={r.code}>{r.message}</li>
            ))}
          </ul>
        </div>
      ))}
      <ProblemAlert error={run.error} heading={`${name} was not imported`} />
    </div>
  );
}

/** Link a staged vendor to an existing company, choosing from the ranked suggestions (VEN-3). */
function LinkVendor({ item, onNotice }: { item: Importable; onNotice: (text: string) => void }) {
  const run = useImportAction(() =>
    onNotice(`Linked: vendor ${item.spectrumKey ?? ''} and the chosen company are synced.`),
  );
  const id = useId();
  const suggestions: VendorMatch[] = 'matchSuggestions' in item ? item.matchSuggestions : [];
  const [companyId, setCompanyId] = useState(suggestions[0]?.companyId ?? '');
  const blocked = item.blockedBy.find((b) => b.action === 'linkVendor')?.reasons ?? [];
  if (item.state !== 'ready_to_import') return null;
  if (suggestions.length === 0) return <p className="muted">No existing company looks like this vendor.</p>;
  return (
    <div className="action">
      <label htmlFor={id}>Link to existing company</label>
      <select id={id} value={companyId} onChange={(e) => setCompanyId(e.target.value)}>
        {suggestions.map((m) => (
          <option key={m.companyId} value={m.companyId}>
            {m.companyName} — {Math.round(m.score * 100)}% match ({m.reasons.join(', ')})
          </option>
        ))}
      </select>
      <Button
        isDisabled={!companyId || run.isPending || blocked.length > 0}
        onPress={() => run.mutate({ id: item.id, action: 'linkVendor', body: { companyId } })}
        aria-label={`Link ${item.spectrumKey ?? ''} to the chosen company`}
      >
        Link
      </Button>
      {blocked.length > 0 && (
        <ul className="reasons">
          {blocked.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
      )}
      <ProblemAlert error={run.error} heading="The vendor was not linked" />
    </div>
  );
}

/** BUD-3: re-importing overwrites the PM budget lines; the dialog shows the totals before and after first. */
function ConfirmReimport({
  item,
  run,
  onClose,
}: {
  item: Importable;
  run: ReturnType<typeof useImportAction>;
  onClose: () => void;
}) {
  return (
    <Modal isOpen isDismissable onOpenChange={(open) => !open && onClose()}>
      <Dialog>
        <Heading slot="title">Re-import the budget of {item.spectrumKey}</Heading>
        <p>The budget lines on the PM side are replaced by Spectrum's original estimates.</p>
        <dl className="facts">
          <dt>Spectrum's total</dt>
          <dd>{totals(item, 'spectrumTotalCents')}</dd>
          <dt>PM total now</dt>
          <dd>{totals(item, 'pmTotalCents')}</dd>
          <dt>PM total after the re-import</dt>
          <dd>{totals(item, 'newPmTotalCents')}</dd>
        </dl>
        <ProblemAlert error={run.error} heading="The budget was not re-imported" />
        <div className="dialog-buttons">
          <Button onPress={onClose}>Cancel</Button>
          <Button
            data-variant="primary"
            isDisabled={run.isPending}
            onPress={() =>
              run.mutate(
                { id: item.id, action: 'reimportBudget', body: { confirm: true } },
                { onSuccess: onClose },
              )
            }
          >
            Re-import and overwrite
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}

/** PC-1: a prime contract is imported into one project. */
function ProjectChoice({
  projects,
  value,
  onChange,
}: {
  projects: { id: string; name: string; number: string | null }[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  const id = useId();
  return (
    <div className="action">
      <label htmlFor={id}>Into project</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a project</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.number ? `${p.number} ` : ''}
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
