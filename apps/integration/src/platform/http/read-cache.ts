import { createHash } from 'node:crypto';
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Counter, Gauge } from 'prom-client';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import { SnapshotCache, type SnapshotOutcome } from '../runtime/snapshot-cache.js';
import type { RequestSnapshots } from '../tokens.js';

const CACHED_READ = 'bridge:cached-read';

/**
 * Marks a `GET` whose answer is a function of the database, the URL and the signed-in user alone: no clock, no
 * Spectrum call, no state kept in memory that the database does not hold. Such an answer is computed once per
 * database snapshot and sent again while the snapshot stays the same (`ReadCacheInterceptor`). The API document
 * says so on the operation (`x-read-cache: snapshot`), with how to ask for a computed answer.
 */
export const CachedRead = () =>
  applyDecorators(
    SetMetadata(CACHED_READ, true),
    SetMetadata(SNAPSHOT_READ, true),
    ApiExtension('x-read-cache', 'snapshot'),
  );

const SNAPSHOT_READ = 'bridge:snapshot-read';

/**
 * Marks a `GET` that works at the request's database snapshot (`DATABASE_SNAPSHOTS`) without its whole answer being
 * kept (the answer has the time in it): the guard finds the caller per snapshot, and the handler may keep what it
 * reads per snapshot too. Implied by `@CachedRead()`.
 */
export const SnapshotRead = () => SetMetadata(SNAPSHOT_READ, true);

const isGet = (context: ExecutionContext, key: string) =>
  context.getType() === 'http' &&
  Reflect.getMetadata(key, context.getHandler()) === true &&
  context.switchToHttp().getRequest<Request>().method === 'GET';

/** A `GET` (not `HEAD`) of a `@CachedRead()` route. */
export const isCachedRead = (context: ExecutionContext): boolean => isGet(context, CACHED_READ);

/** A `GET` of a `@CachedRead()` or `@SnapshotRead()` route. */
export const readsAtSnapshot = (context: ExecutionContext): boolean => isGet(context, SNAPSHOT_READ);

/** An answer as sent (JSON text, its entity tag), and whether it may be kept. */
interface Answer {
  readonly body: string;
  readonly etag: string;
  readonly keep: boolean;
}

const notKept = new WeakSet<object>();

/**
 * Called by a `@CachedRead()` handler whose answer to this request also depends on something besides the database
 * (an export request waiting for approval pre-fills its key from Spectrum): the answer is sent, not kept.
 */
export function doNotKeepAnswer(request: object): void {
  notKept.add(request);
}

/** The weak entity tag Express gives a body (`etag` with `weak: true`), worked out once per answer, not per send. */
export function weakEtag(body: string): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').slice(0, 27);
  return `W/"${Buffer.byteLength(body, 'utf8').toString(16)}-${hash}"`;
}

/** Answers bigger than this share of the budget are sent but not kept: one answer never pushes out all the others. */
const LARGEST_SHARE = 8;

/**
 * Answers of the heavy reads, kept per user and URL with the database snapshot they were computed at
 * (`SnapshotCache`: why they are never stale). `Cache-Control: no-cache` computes the answer again (and keeps it).
 * Memory is bounded by `maxBytes` (UTF-16 code units of the kept text).
 */
export class ReadCache {
  private readonly answers: SnapshotCache<Answer>;

  constructor(maxBytes: number) {
    this.answers = new SnapshotCache<Answer>(
      {
        maxSize: maxBytes,
        maxEntrySize: Math.floor(maxBytes / LARGEST_SHARE),
        sizeOf: (a, key) => a.body.length + a.etag.length + key.length,
      },
      (a) => a.keep,
    );
  }

  /** Bytes (UTF-16 code units) the kept answers take. */
  get size(): number {
    return this.answers.size;
  }

  /** `compute` answers the value to send and whether it may be kept. */
  async read(
    key: string,
    snapshot: string,
    revalidate: boolean,
    compute: () => Promise<{ value: unknown; keep: boolean }>,
  ): Promise<{ answer: Answer; outcome: SnapshotOutcome }> {
    const { value, outcome } = await this.answers.get(
      key,
      snapshot,
      async (): Promise<Answer> => {
        const computed = await compute();
        const body = JSON.stringify(computed.value);
        return { body, etag: weakEtag(body), keep: computed.keep };
      },
      revalidate,
    );
    return { answer: value, outcome };
  }
}

const NO_CACHE = /(^|[\s,])no-cache([\s,]|$)/i;
const wantsRevalidation = (req: Request) =>
  NO_CACHE.test(String(req.headers['cache-control'] ?? '')) ||
  NO_CACHE.test(String(req.headers.pragma ?? ''));

/**
 * Serves the `@CachedRead()` routes through a `ReadCache`; registered before every other interceptor, so what it
 * keeps is the answer exactly as the handler and the inner interceptors (permission reasons) made it. The key is the
 * signed-in user as the guards read them (their permissions shape the answer) and the URL with its query.
 */
@Injectable()
export class ReadCacheInterceptor implements NestInterceptor {
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly cache: ReadCache | null,
    private readonly snapshots: RequestSnapshots | null,
    metrics: MetricsRegistry,
  ) {
    this.outcomes = new Counter({
      name: 'bridge_read_cache_requests_total',
      help: 'Reads of the cached routes, by outcome: hit (kept answer sent), shared (waited for the same computation), computed',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'bridge_read_cache_bytes',
      help: 'Memory the kept answers of the read cache take (UTF-16 code units)',
      registers: [metrics.registry],
      collect() {
        this.set(cache?.size ?? 0);
      },
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { cache, snapshots } = this;
    if (!cache || !snapshots || !isCachedRead(context)) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: unknown }>();
    if (req.user === undefined) return next.handle();
    const res = http.getResponse<Response>();
    const key = `${JSON.stringify(req.user)}\0${req.originalUrl}`;
    const compute = async () => {
      const value = await lastValueFrom(next.handle());
      return { value, keep: !notKept.has(req) };
    };
    const read = async () => cache.read(key, await snapshots.of(req), wantsRevalidation(req), compute);
    return from(read()).pipe(
      map(({ answer, outcome }) => {
        this.outcomes.inc({ outcome });
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        // set here, Express does not hash the body again; it still answers 304 to a matching If-None-Match
        res.setHeader('ETag', answer.etag);
        return answer.body;
      }),
    );
  }
}
