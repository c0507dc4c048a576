import { decodeRow, RowInputError } from '../store/row-codec.js';
import type { SpectrumStore } from '../store/spectrum-store.js';
import { ALL_TABLES, TABLES_BY_COLLECTION } from '../store/table-defs.js';

/** A scenario: rows per control-API collection in their external (JSON) form. */
export interface ScenarioSpec {
  name: string;
  data: Record<string, Record<string, unknown>[]>;
}

/** Checks a scenario and returns its stored rows per table; throws RowInputError naming the field. */
export function checkScenario(spec: unknown): ScenarioSpec {
  if (!spec || typeof spec !== 'object') throw new RowInputError('spec', 'expected a scenario object');
  const s = spec as Record<string, unknown>;
  if (typeof s.name !== 'string' || s.name === '') throw new RowInputError('spec.name', 'name is required');
  if (!s.data || typeof s.data !== 'object' || Array.isArray(s.data)) {
    throw new RowInputError('spec.data', 'data must be an object of collections');
  }
  for (const [collection, rows] of Object.entries(s.data as Record<string, unknown>)) {
    if (!TABLES_BY_COLLECTION.has(collection)) {
      throw new RowInputError(`spec.data.${collection}`, `unknown collection ${collection}`);
    }
    if (!Array.isArray(rows)) throw new RowInputError(`spec.data.${collection}`, 'must be an array');
  }
  return s as unknown as ScenarioSpec;
}

/** Replaces the store's whole content with the scenario, in one transaction. */
export function loadScenario(store: SpectrumStore, spec: ScenarioSpec): void {
  const checked = checkScenario(spec);
  store.write(() => {
    for (const def of ALL_TABLES) store.db.exec(`DELETE FROM ${def.table}`);
    store.db.exec('DELETE FROM meta');
    for (const def of ALL_TABLES) {
      const rows = checked.data[def.collection] ?? [];
      rows.forEach((input, index) => {
        try {
          store.insert(def, decodeRow(def, input));
        } catch (error) {
          if (error instanceof RowInputError) {
            throw new RowInputError(`${def.collection}[${index}].${error.field}`, error.message);
          }
          if (error instanceof Error && /UNIQUE/.test(error.message)) {
            throw new RowInputError(`${def.collection}[${index}]`, `duplicate key in ${def.collection}`);
          }
          throw error;
        }
      });
    }
    store.setMeta('scenario', checked.name);
  });
}
