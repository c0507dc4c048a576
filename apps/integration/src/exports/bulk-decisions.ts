import { type Reason, reason } from '@bridge/rules';
import type { Logger } from 'pino';
import { badRequest, type ProblemError } from '../platform/http/problem.js';
import { type RequestView, requestView } from './export-views.js';
import type { ExportRequestRecord } from './exports.repository.js';

/** How many requests one bulk accept or reject may name (API-6). */
export const MAX_BULK_IDS = 500;

/** One request's outcome in a bulk accept or reject (API-7). */
export interface BulkOutcome {
  id: string;
  outcome: 'accepted' | 'rejected' | 'refused' | 'not_found';
  /** False when the call changed nothing for this request (already decided, refused, unknown). */
  changed: boolean;
  request: RequestView | null;
  reasons: Reason[];
}

export interface BulkResult {
  results: BulkOutcome[];
  counts: { accepted: number; rejected: number; refused: number; notFound: number };
}

export function outcome(o: BulkOutcome['outcome'], r: ExportRequestRecord, changed: boolean): BulkOutcome {
  return { id: r.id, outcome: o, changed, request: requestView(r), reasons: [] };
}

/**
 * A refusal of one request in a bulk call: the reasons of the problem the single call would have answered, and the
 * request as it is now (`changed` when the refusal moved it: a pre-flight refusal returns the item to its sender).
 */
export function refused(
  r: ExportRequestRecord,
  e: ProblemError,
  now?: ExportRequestRecord | null,
): BulkOutcome {
  const after = now ?? r;
  return {
    ...outcome('refused', after, after.state !== r.state),
    reasons: e.errors.map((x) => ({
      code: x.code,
      rule: x.rule ?? 'API-7',
      message: x.message,
      ...(x.field ? { field: x.field } : {}),
    })),
  };
}

/** API-6: at most `MAX_BULK_IDS` ids, each named once; a 400 naming the rule otherwise. */
function assertBulkIds(ids: readonly string[]): void {
  if (ids.length > MAX_BULK_IDS) {
    throw badRequest(
      [
        {
          field: 'ids',
          rule: 'API-6',
          code: 'too-many-ids',
          message: `At most ${MAX_BULK_IDS} export requests can be decided in one call (${ids.length} were given).`,
        },
      ],
      `At most ${MAX_BULK_IDS} export requests can be decided in one call.`,
    );
  }
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) {
    throw badRequest(
      [
        {
          field: 'ids',
          rule: 'API-6',
          code: 'duplicate-ids',
          message: `Each export request can be named once per call: ${[...new Set(twice)].join(', ')}.`,
        },
      ],
      'Each export request can be named once per call.',
    );
  }
}

/**
 * API-6, API-7: the ids one after another (accepts serialize on the key reservation lock anyway), read in one
 * statement; one request's refusal or failure never stops the others.
 */
export async function decideMany(
  ids: readonly string[],
  load: (ids: readonly string[]) => Promise<Map<string, ExportRequestRecord>>,
  decide: (r: ExportRequestRecord) => Promise<BulkOutcome>,
  logger: Logger,
): Promise<BulkResult> {
  assertBulkIds(ids);
  const found = await load(ids);
  const results: BulkOutcome[] = [];
  for (const id of ids) {
    const r = found.get(id);
    if (!r) {
      results.push({
        id,
        outcome: 'not_found',
        changed: false,
        request: null,
        reasons: [reason('request-not-found', 'API-6', `Export request ${id} does not exist.`)],
      });
      continue;
    }
    try {
      results.push(await decide(r));
    } catch (e) {
      // an unexpected failure of one request (its transaction rolled back) does not stop the others
      logger.error({ correlationId: id, err: e }, 'bulk decision failed');
      results.push({
        ...outcome('refused', r, false),
        reasons: [
          reason(
            'decision-failed',
            'API-7',
            'The request could not be decided because of an internal error; nothing was changed for it. Try again.',
          ),
        ],
      });
    }
  }
  const count = (o: BulkOutcome['outcome']) => results.filter((x) => x.outcome === o).length;
  return {
    results,
    counts: {
      accepted: count('accepted'),
      rejected: count('rejected'),
      refused: count('refused'),
      notFound: count('not_found'),
    },
  };
}
