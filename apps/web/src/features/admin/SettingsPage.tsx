import { useEffect, useState } from 'react';
import { Button, Checkbox, Label, Radio, RadioGroup } from 'react-aria-components';
import {
  type GeneralSettings,
  useGeneralSettings,
  useSaveGeneralSettings,
  useSaveVendorTypeFilter,
  useVendorTypeFilter,
} from '../../api/admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryView } from '../../components/QueryView';

type Editable = Omit<GeneralSettings, 'templateJob'>;

const Box = ({ checked }: { checked: boolean }) => <span aria-hidden="true">{checked ? '☑ ' : '☐ '}</span>;

/** General settings (GEN-2) and the vendor types the vendor sync imports (VEN-4). */
export function SettingsPage() {
  const general = useGeneralSettings();
  const save = useSaveGeneralSettings();
  const [form, setForm] = useState<Editable | null>(null);
  useEffect(() => {
    if (general.data) {
      const { templateJob: _t, ...rest } = general.data;
      setForm(rest);
    }
  }, [general.data]);
  const set = <K extends keyof Editable>(k: K, v: Editable[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  return (
    <>
      <h1>Settings</h1>
      <QueryView query={general} what="the general settings">
        {(g) =>
          form && (
            <form
              className="card"
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate(form);
              }}
            >
              <h2>General settings</h2>
              <Checkbox isSelected={form.usePmContractNumber} onChange={(v) => set('usePmContractNumber', v)}>
                <Box checked={form.usePmContractNumber} />
                Use the commitment's number as its Spectrum ID
              </Checkbox>
              <Checkbox
                isSelected={form.usePmChangeOrderNumber}
                onChange={(v) => set('usePmChangeOrderNumber', v)}
              >
                <Box checked={form.usePmChangeOrderNumber} />
                Use the change order's number as its Spectrum change request ID
              </Checkbox>
              <Checkbox
                isSelected={form.autoAddCostCodesToBudgets}
                onChange={(v) => set('autoAddCostCodesToBudgets', v)}
              >
                <Box checked={form.autoAddCostCodesToBudgets} />
                Add new cost code and cost type combinations to the budgets of integrated projects
              </Checkbox>
              <RadioGroup
                value={form.budgetDirectCosts}
                onChange={(v) => set('budgetDirectCosts', v as Editable['budgetDirectCosts'])}
                className="field"
              >
                <Label>The budget's direct costs column</Label>
                <Radio value="populate_from_erp">Read only, filled from Spectrum</Radio>
                <Radio value="editable">Editable, not filled from Spectrum</Radio>
              </RadioGroup>
              <RadioGroup
                value={form.vendors}
                onChange={(v) => set('vendors', v as Editable['vendors'])}
                className="field"
              >
                <Label>When the vendor list is refreshed</Label>
                <Radio value="auto_update">Update the linked companies</Radio>
                <Radio value="do_not_update">Do not update companies</Radio>
              </RadioGroup>
              {g.templateJob && (
                <p className="muted">
                  Template job: {g.templateJob.jobNumber} (division {g.templateJob.division}, cost center{' '}
                  {g.templateJob.costCenter}, customer {g.templateJob.customerCode})
                </p>
              )}
              <Button type="submit" data-variant="primary" isDisabled={save.isPending}>
                Save settings
              </Button>
              {save.isSuccess && <p role="status">Settings saved.</p>}
              <ProblemAlert error={save.error} heading="The settings were not saved" />
            </form>
          )
        }
      </QueryView>
      <VendorTypes />
    </>
  );
}

function VendorTypes() {
  const filter = useVendorTypeFilter();
  const save = useSaveVendorTypeFilter();
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  useEffect(() => {
    if (filter.data) setChosen(new Set(filter.data.types.map((t) => t.type)));
  }, [filter.data]);
  return (
    <QueryView query={filter} what="the vendor types">
      {(f) => {
        const locked = new Set(f.types.filter((t) => t.locked).map((t) => t.type));
        const all = [...new Set([...f.knownTypes, ...f.types.map((t) => t.type)])].sort();
        return (
          <form
            className="card"
            onSubmit={(e) => {
              e.preventDefault();
              if (chosen) save.mutate([...chosen]);
            }}
          >
            <h2>Vendor types to import</h2>
            <p className="muted">Only Spectrum vendors of the chosen types are offered for import.</p>
            {all.length === 0 && <p>No vendor type is known yet: run the vendor sync first.</p>}
            {all.map((type) => (
              <div key={type}>
                <Checkbox
                  isSelected={chosen?.has(type) ?? false}
                  isDisabled={locked.has(type)}
                  onChange={(on) =>
                    setChosen((c) => {
                      const n = new Set(c);
                      if (on) n.add(type);
                      else n.delete(type);
                      return n;
                    })
                  }
                >
                  <Box checked={chosen?.has(type) ?? false} />
                  {type}
                  {locked.has(type) && (
                    <span className="muted"> — kept: vendors of this type are already synced</span>
                  )}
                </Checkbox>
              </div>
            ))}
            <Button type="submit" data-variant="primary" isDisabled={save.isPending || !chosen}>
              Save vendor types
            </Button>
            {save.isSuccess && <p role="status">Vendor types saved.</p>}
            <ProblemAlert error={save.error} heading="The vendor types were not saved" />
          </form>
        );
      }}
    </QueryView>
  );
}
