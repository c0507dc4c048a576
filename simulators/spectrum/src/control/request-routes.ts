import { send, sendJson } from '../server/http-helpers.js';
import { REQUEST_OUTCOMES, type RequestLogFilter, type RequestOutcome } from '../server/request-log.js';
import { ControlError, type ControlRoute } from './routing.js';

/** The simulator process's memory in MB (the console shows it beside the log's size). */
function memoryMb(): { rss: number; heapUsed: number } {
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / 1048576), heapUsed: Math.round(m.heapUsed / 1048576) };
}

function logFilter(url: URL): RequestLogFilter {
  const filter: RequestLogFilter = {};
  const q = url.searchParams;
  const service = q.get('service');
  if (service) filter.service = service;
  const outcome = q.get('outcome');
  if (outcome) {
    if (!(REQUEST_OUTCOMES as readonly string[]).includes(outcome))
      throw new ControlError(400, 'outcome', `outcome must be one of ${REQUEST_OUTCOMES.join(', ')}`);
    filter.outcome = outcome as RequestOutcome;
  }
  for (const name of ['after', 'limit'] as const) {
    const v = q.get(name);
    if (v === null || v === '') continue;
    const n = Number(v);
    if (!/^\d+$/.test(v) || (name === 'limit' && n < 1))
      throw new ControlError(
        400,
        name,
        `${name} must be a ${name === 'limit' ? 'positive' : 'non-negative'} integer`,
      );
    filter[name] = n;
  }
  return filter;
}

/** The requests log (list, summary, one entry, download, clear) and the traffic figures. */
export const REQUEST_ROUTES: ControlRoute[] = [
  {
    method: 'GET',
    path: 'requests',
    handle({ app, res, url }) {
      sendJson(res, 200, app.log.list(logFilter(url)));
    },
  },
  {
    method: 'GET',
    path: 'requests/summary',
    handle({ app, res }) {
      sendJson(res, 200, {
        capacity: app.log.capacity,
        size: app.log.size,
        total: app.log.total,
        bodyLimit: app.log.bodyLimit,
        bodyBytes: app.log.bodyBytes(),
        services: app.log.services(),
        memory: memoryMb(),
      });
    },
  },
  {
    method: 'GET',
    path: 'requests/download',
    handle({ app, res, url }) {
      const details = app.log.details(logFilter(url));
      const body = details.map((d) => JSON.stringify(d)).join('\n');
      send(res, 200, body === '' ? '' : `${body}\n`, 'application/x-ndjson; charset=utf-8', {
        'Content-Disposition': 'attachment; filename="spectrum-simulator-requests.ndjson"',
      });
    },
  },
  {
    method: 'GET',
    path: 'requests/:id',
    handle({ app, res, params: { id } }) {
      const entry = /^\d+$/.test(id ?? '') ? app.log.get(Number(id)) : undefined;
      if (!entry)
        throw new ControlError(
          404,
          'id',
          `no logged request ${id} (the log keeps the last ${app.log.capacity})`,
        );
      sendJson(res, 200, entry);
    },
  },
  {
    method: 'DELETE',
    path: 'requests/:rest?',
    handle({ app, res }) {
      app.log.clear();
      sendJson(res, 200, { cleared: true });
    },
  },
  {
    method: 'GET',
    path: 'traffic/:rest?',
    handle({ app, res }) {
      sendJson(res, 200, app.traffic.figures());
    },
  },
  {
    method: 'DELETE',
    path: 'traffic/:rest?',
    handle({ app, res }) {
      app.traffic.reset();
      sendJson(res, 200, app.traffic.figures());
    },
  },
];
