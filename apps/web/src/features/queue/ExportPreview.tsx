import type { ExportPreview, PreviewWrite } from '../../api/types';

const RECORD: Record<PreviewWrite['record'], string> = {
  new: 'New in Spectrum',
  changed: 'Changes what Spectrum has',
  unchanged: 'Spectrum already has it',
};

const FIELD_STATE: Record<PreviewWrite['fields'][number]['state'], string> = {
  new: 'new',
  same: 'same',
  different: 'changes',
  kept: 'left as is',
  not_readable: 'not shown back by Spectrum',
};

/** The fields that say which record a write is (its key columns), for the write's one-line summary. */
const KEY_FIELDS = [
  'Job_Number',
  'Vendor_Code',
  'Subcontract_Number',
  'Change_Request_Number',
  'Phase_Code',
  'CR_Phase_Code',
  'Cost_Type',
  'CR_Cost_Type',
  'CR_Billing_Item_Code',
];

function summary(w: PreviewWrite): string {
  const value = (f: string) => w.fields.find((x) => x.field === f)?.value.trim();
  return KEY_FIELDS.map(value)
    .filter((v): v is string => Boolean(v))
    .join(' · ');
}

/**
 * VER-1: every Spectrum write the export will make, in order, with what each changes in Spectrum. Each write opens
 * (a native disclosure, keyboard and screen reader friendly) to show every field: the value written and what
 * Spectrum holds now.
 */
export function ExportPreviewList({ preview }: { preview: ExportPreview }) {
  const { counts } = preview;
  if (preview.writes.length === 0) return <p>Nothing would be written to Spectrum.</p>;
  return (
    <section aria-label="Spectrum writes">
      <p>
        {counts.writes} {counts.writes === 1 ? 'write' : 'writes'} to Spectrum: {counts.new} new,{' '}
        {counts.changed} changed, {counts.unchanged} already there.
      </p>
      <ol className="preview-writes">
        {preview.writes.map((w) => (
          <li key={w.seq}>
            <details>
              <summary>
                <span className="service">{w.service}</span> {summary(w)} —{' '}
                <span data-record={w.record}>{RECORD[w.record]}</span>
              </summary>
              <table className="data">
                <caption className="visually-hidden">
                  Fields of write {w.seq + 1}, {w.service}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Written</th>
                    <th scope="col">Spectrum now</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {w.fields.map((f) => (
                    <tr key={f.field} data-state={f.state}>
                      <th scope="row">{f.field}</th>
                      <td>{f.value}</td>
                      <td>{f.current ?? ''}</td>
                      <td>{FIELD_STATE[f.state]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
