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
import { LRUCache } from 'lru-cache';
import { Counter, Gauge } from 'prom-client';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';

const CACHED_READ = 'bridge:cached-read';

/**
 * Marks a `GET` whose answer is a function of the database, the URL and the signed-in user alone: no clock, no
 * Spectrum call, no state kept in memory that the database does not hold. Such an answer is computed once per
 * database snapshot and sent again while the snapshot stays the same (`ReadCacheInterceptor`). The API document
 * says so on the operation (`x-read-cache: snapshot`), with how to ask for a computed answer.
 */
export const CachedRead = () =>
  applyDecorators(SetMetadata(CACHED_READ, true), ApiExtension('x-read-cache', 'snapshot'));

/** An answer as sent (JSON text, its entity tag) with the database snapshot it was computed at. */
interface Answer {
  readonly snapshot: string;
  readonly body: string;
  readonly etag: string;
}

/** The weak entity tag Express gives a body (`etag` with `weak: true`), worked out once per answer, not per send. */
export function weakEtag(body: string): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').slice(0, 27);
  return `W/"${Buffer.byteLength(body, 'utf8').toString(16)}-${hash}"`;
}

export type ReadOutcome = 'hit' | 'shared' | 'computed';

/** Answers bigger than this share of the budget are sent but not kept: one answer never pushes out all the others. */
const LARGEST_SHARE = 8;

/**
 * Answers of heavy reads kept per key (user and URL) with the snapshot of the database they were computed at.
 *
 * Why a kept answer is never stale: a read first takes the database's current snapshot `S` (`currentSnapshot`);
 * every transaction that commits changes it, on any instance. An answer kept under `S` was computed by a read that
 * took `S` before it ran its statements, so it sees every commit `S` includes (and perhaps later ones). A later read
 * that takes the same `S` proves that nothing committed in between, so the kept answer is exactly what it would
 * compute. Reads that take `S` while an answer for `S` is being computed wait for that one instead of computing
 * their own (same argument). A write's own answer is sent after its commit, so a read that follows it takes a newer
 * snapshot and computes.
 *
 * `Cache-Control: no-cache` computes the answer again (and keeps it). Memory is bounded (LRU by size).
 */
export class ReadCache {
  private readonly answers: LRUCache<string, Answer>;
  private readonly inFlight = new Map<string, Promise<Answer>>();
  private readonly largest: number;

  constructor(
    maxBytes: number,
    private readonly snapshot: () => Promise<string>,
  ) {
    this.largest = Math.floor(maxBytes / LARGEST_SHARE);
    this.answers = new LRUCache<string, Answer>({
      maxSize: maxBytes,
      sizeCalculation: (a, key) => a.body.length + a.snapshot.length + key.length,
    });
  }

  /** Bytes (UTF-16 code units) the kept answers take. */
  get size(): number {
    return this.answers.calculatedSize;
  }

  async read(
    key: string,
    revalidate: boolean,
    compute: () => Promise<unknown>,
  ): Promise<{ answer: Answer; outcome: ReadOutcome }> {
    const snapshot = await this.snapshot();
    if (!revalidate) {
      const kept = this.answers.get(key);
      if (kept?.snapshot === snapshot) return { answer: kept, outcome: 'hit' };
      const flying = this.inFlight.get(`${snapshot}\0${key}`);
      if (flying) return { answer: await flying, outcome: 'shared' };
    }
    const flightKey = `${snapshot}\0${key}`;
    const flight = compute()
      .then((value): Answer => {
        const body = JSON.stringify(value);
        const answer = { snapshot, body, etag: weakEtag(body) };
        if (answer.body.length <= this.largest) this.answers.set(key, answer);
        return answer;
      })
      .finally(() => {
        if (this.inFlight.get(flightKey) === flight) this.inFlight.delete(flightKey);
      });
    this.inFlight.set(flightKey, flight);
    return { answer: await flight, outcome: 'computed' };
  }
}

const wantsRevalidation = (req: Request) =>
  /(^|[\s,])no-cache([\s,]|$)/i.test(String(req.headers['cache-control'] ?? '')) ||
  /(^|[\s,])no-cache([\s,]|$)/i.test(String(req.headers.pragma ?? ''));

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
    if (!this.cache || context.getType() !== 'http') return next.handle();
    if (Reflect.getMetadata(CACHED_READ, context.getHandler()) !== true) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: unknown }>();
    if (req.method !== 'GET' || req.user === undefined) return next.handle();
    const res = http.getResponse<Response>();
    const key = `${JSON.stringify(req.user)}\0${req.originalUrl}`;
    return from(this.cache.read(key, wantsRevalidation(req), () => lastValueFrom(next.handle()))).pipe(
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
