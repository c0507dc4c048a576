import type { ServerResponse } from 'node:http';
import { encodeRow } from '../store/row-codec.js';
import type { SpectrumStore } from '../store/spectrum-store.js';
import { ALL_TABLES } from '../store/table-defs.js';

/**
 * Writes the whole store as a scenario file (`{ name, data: { <collection>: [rows…] } }`, rows in the control API's
 * JSON form), streamed row by row so the 200,000-row company downloads without building it in memory. Loading the
 * file back (`PUT /__sim/store` or `POST /__sim/scenario {spec}`) gives the same data.
 */
export async function streamStore(store: SpectrumStore, res: ServerResponse, name: string): Promise<void> {
  const file = `${name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'store'}.json`;
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file}"`,
  });
  let chunk = `{"name":${JSON.stringify(name)},"data":{`;
  const flush = async (): Promise<void> => {
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
    chunk = '';
  };
  let firstTable = true;
  for (const def of ALL_TABLES) {
    chunk += `${firstTable ? '' : ','}${JSON.stringify(def.collection)}:[`;
    firstTable = false;
    let first = true;
    // a statement of its own: the cached ones may be used by other calls while this download waits for the socket
    const rows = store.db
      .prepare(`SELECT * FROM ${def.table} ORDER BY ${def.key.map((k) => `"${k}"`).join(', ')}`)
      .iterate() as Iterable<Record<string, string | number | null>>;
    for (const row of rows) {
      chunk += `${first ? '' : ','}${JSON.stringify(encodeRow(def, row))}`;
      first = false;
      if (chunk.length > 256 * 1024) await flush();
    }
    chunk += ']';
  }
  chunk += '}}\n';
  await flush();
  res.end();
}
