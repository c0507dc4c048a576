import { EXPORT_REQUEST_STATES } from '@bridge/rules';
import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../auth/auth-user.js';
import { blockedFor, blockedForPage } from './export-queries.service.js';
import type { ExportRequestRecord } from './exports.repository.js';

const user = (id: string, level: AuthUser['level'], canPushToAccounting: boolean): AuthUser => ({
  id,
  name: id,
  email: `${id}@example.com`,
  level,
  canPushToAccounting,
  primeContractsLevel: 'none',
});

describe('API-4: the blocked decisions of a queue page', () => {
  it('API-4 APP-2 PERM-2: each request of a page gets exactly what it gets alone, whatever the state, sender and caller', () => {
    const requests = EXPORT_REQUEST_STATES.flatMap((state, i) =>
      ['approver', 'pm', 'someone'].map(
        (sentById, j) => ({ id: `r-${i}-${j}`, state, sentById }) as unknown as ExportRequestRecord,
      ),
    );
    for (const actor of [
      user('approver', 'admin', true),
      user('pm', 'standard', false),
      user('reader', 'read_only', false),
    ]) {
      const blocked = blockedForPage(actor);
      // twice over: the second time every answer comes from the page's memory
      for (const r of [...requests, ...requests])
        expect(blocked(r), `${actor.id} ${r.id}`).toEqual(blockedFor(actor, r));
    }
  });
});
