import { describe, expect, it } from 'vitest';
import { codesOf } from '../core/result.js';
import type { Actor } from './authorize.js';
import { EXPORT_REQUEST_STATES, exportRequestActions } from './export-request-actions.js';

const approver: Actor = { id: 'ap', level: 'standard', canPushToAccounting: true };
const pm: Actor = { id: 'pm', level: 'standard', canPushToAccounting: false };
const viewer: Actor = { id: 'v', level: 'read_only', canPushToAccounting: false };

describe('API-4: the approval queue says why each decision is unavailable', () => {
  it('APP-2 PERM-2: an approver may accept or reject a waiting request; retry only a failed one', () => {
    const a = exportRequestActions(approver, { state: 'ready_to_export', sentById: 'pm' });
    expect(a.accept.ok && a.reject.ok).toBe(true);
    expect(codesOf(a.retry)).toEqual(['request-not-failed']);
    const f = exportRequestActions(approver, { state: 'failed', sentById: 'pm' });
    expect(f.retry.ok && f.reject.ok).toBe(true);
    expect(codesOf(f.accept)).toEqual(['request-not-waiting']);
  });

  it('PERM-2 PERM-6: a read-only user is told every reason: the level and the approver privilege', () => {
    const v = exportRequestActions(viewer, { state: 'ready_to_export', sentById: 'pm' });
    expect(codesOf(v.accept)).toEqual(['requires-standard', 'requires-accounting-approver']);
    const failed = exportRequestActions(viewer, { state: 'synced', sentById: 'pm' });
    expect(codesOf(failed.retry)).toEqual([
      'request-not-failed',
      'requires-standard',
      'requires-accounting-approver',
    ]);
  });

  it('APP-1 PERM-1: only the sender takes a waiting request back', () => {
    expect(exportRequestActions(pm, { state: 'ready_to_export', sentById: 'pm' }).retrieve.ok).toBe(true);
    const other = exportRequestActions({ ...pm, id: 'pm2' }, { state: 'ready_to_export', sentById: 'pm' });
    expect(codesOf(other.retrieve)).toEqual(['not-the-sender']);
  });

  it('API-4: every state answers every action, and the reasons name the state in words', () => {
    for (const state of EXPORT_REQUEST_STATES) {
      const all = exportRequestActions(approver, { state, sentById: 'x' });
      for (const check of Object.values(all)) {
        if (!check.ok) for (const r of check.reasons) expect(r.message).not.toMatch(/_/);
      }
    }
  });
});
