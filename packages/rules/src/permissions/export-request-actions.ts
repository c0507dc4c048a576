import { allOf, type Check, checkFrom, reason } from '../core/result.js';
import { type Actor, authorize } from './authorize.js';

/** The decisions the approval queue offers on one export request. */
export const EXPORT_REQUEST_ACTIONS = ['accept', 'reject', 'retry', 'retrieve'] as const;
export type ExportRequestAction = (typeof EXPORT_REQUEST_ACTIONS)[number];

/** The states of an export request (APP-1 … APP-6). */
export const EXPORT_REQUEST_STATES = [
  'ready_to_export',
  'exporting',
  'synced',
  'rejected',
  'failed',
  'retrieved',
] as const;
export type ExportRequestState = (typeof EXPORT_REQUEST_STATES)[number];

const WHEN: Record<
  ExportRequestAction,
  { states: readonly ExportRequestState[]; rule: string; code: string }
> = {
  accept: { states: ['ready_to_export'], rule: 'APP-2', code: 'request-not-waiting' },
  reject: { states: ['ready_to_export', 'failed'], rule: 'APP-2', code: 'request-not-waiting' },
  retry: { states: ['failed'], rule: 'APP-4', code: 'request-not-failed' },
  retrieve: { states: ['ready_to_export'], rule: 'APP-1', code: 'request-not-waiting' },
};

const VERB: Record<ExportRequestAction, string> = {
  accept: 'accepted',
  reject: 'rejected',
  retry: 'retried',
  retrieve: 'taken back',
};

const STATE_LABEL: Record<ExportRequestState, string> = {
  ready_to_export: 'waiting for approval',
  exporting: 'being exported',
  synced: 'synced',
  rejected: 'rejected',
  failed: 'failed',
  retrieved: 'taken back by its sender',
};

const stateWords = (states: readonly ExportRequestState[]) => states.map((s) => STATE_LABEL[s]).join(' or ');

/**
 * API-4 for the approval queue: for each decision on an export request, whether this user may take it now, with
 * every reason when not (the request's state and the user's permissions), so a screen can say why a button is off.
 */
export function exportRequestActions(
  user: Actor,
  request: { state: ExportRequestState; sentById: string },
): Record<ExportRequestAction, Check> {
  const out = {} as Record<ExportRequestAction, Check>;
  for (const action of EXPORT_REQUEST_ACTIONS) {
    const when = WHEN[action];
    const stateCheck = when.states.includes(request.state)
      ? checkFrom([])
      : checkFrom([
          reason(
            when.code,
            when.rule,
            `The request is ${STATE_LABEL[request.state]}; only a request that is ${stateWords(when.states)} can be ${VERB[action]}.`,
          ),
        ]);
    out[action] = allOf(stateCheck, authorize(user, action, { isSender: request.sentById === user.id }));
  }
  return out;
}
