import { hostname } from 'node:os';
import type { CallGate } from '@bridge/spectrum-client';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Env } from '../config/env.js';
import { ENV, LOGGER } from '../platform/tokens.js';
import {
  type AdmissionAttempt,
  type CallLimits,
  type HeldPermits,
  SpectrumCallPermitsRepository,
} from './spectrum-call-permits.repository.js';

/** Longest pause between two admission attempts while the limit binds (ms). */
const MAX_POLL_MS = 50;
/** Shortest pause (ms); each attempt adds a random part of the same size, so instances do not poll in step. */
const MIN_POLL_MS = 4;

interface Waiter {
  /** Names this call's permits in the database (instance and call number). */
  holder: string;
  limits: CallLimits;
  deadline: number;
  operation: string;
  resolve(permits: HeldPermits): void;
  reject(error: Error): void;
  settled: boolean;
}

interface ServerQueue {
  server: string;
  waiters: Waiter[];
  pumping: boolean;
  /** Wakes the pump before its pause ends (a local call gave its permits back). */
  wake: (() => void) | null;
  /** The limits whose permit rows are known to exist. */
  ensured: string;
}

/** A call waited longer than allowed for a permit; it was not sent. */
export class CallSlotWaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallSlotWaitError';
  }
}

/** The server a connection's limit belongs to: scheme, host and port of its URL. */
export function serverKey(serviceUrl: string): string {
  try {
    return new URL(serviceUrl).origin.toLowerCase();
  } catch {
    return serviceUrl.trim().toLowerCase();
  }
}

/**
 * OPS-10, OPS-12, OPS-13: admission to Spectrum shared by every instance through the database
 * (`SpectrumCallPermit`, docs/decisions.md → "Spectrum call limit"). Each call takes a concurrency slot and a
 * per-second permit before it is sent and gives them back when its answer has been read. Within an instance the
 * waiting calls are served in arrival order (one admission attempt at a time per server); between instances each
 * instance's first waiting call competes, with randomised pauses. A call that finds no permit within
 * `SPECTRUM_CALL_WAIT_MS` (or cannot reach the database for that long) is not sent and fails with a plain reason.
 */
@Injectable()
export class SpectrumCallLimiter implements OnModuleDestroy {
  private readonly queues = new Map<string, ServerQueue>();
  private readonly instance: string;
  private calls = 0;
  private readonly pendingReleases = new Set<Promise<void>>();
  private stopping = false;
  /** Injectable for tests. */
  random: () => number = Math.random;

  constructor(
    @Inject(SpectrumCallPermitsRepository) private readonly permits: SpectrumCallPermitsRepository,
    @Inject(ENV) private readonly env: Env,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.instance = env.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
  }

  /** The lease on a held permit: longer than any call can take (the client's timeout) plus a margin. */
  get leaseMs(): number {
    return this.env.SPECTRUM_TIMEOUT_MS + 30_000;
  }

  /** The admission gate of clients for one Spectrum server with the given limits. */
  gate(serviceUrl: string, limits: CallLimits): CallGate {
    const server = serverKey(serviceUrl);
    return { acquire: (call) => this.acquire(server, limits, call) };
  }

  async acquire(
    server: string,
    limits: CallLimits,
    call: { operation: string; signal?: AbortSignal | undefined },
  ): Promise<() => void> {
    if (this.stopping) throw new CallSlotWaitError('the service is stopping');
    const q = this.queue(server);
    const holder = `${this.instance}#${++this.calls}`;
    const permits = await new Promise<HeldPermits>((resolve, reject) => {
      const waiter: Waiter = {
        holder,
        limits,
        deadline: Date.now() + this.env.SPECTRUM_CALL_WAIT_MS,
        operation: call.operation,
        resolve,
        reject,
        settled: false,
      };
      const signal = call.signal;
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('the call was cancelled'));
        return;
      }
      signal?.addEventListener(
        'abort',
        () => {
          if (waiter.settled) return;
          waiter.settled = true;
          reject(signal.reason instanceof Error ? signal.reason : new Error('the call was cancelled'));
          q.wake?.();
        },
        { once: true },
      );
      q.waiters.push(waiter);
      if (!q.pumping)
        this.pump(q).catch((error: unknown) => {
          this.logger.error({ err: error, server }, 'Spectrum call admission failed');
          for (const w of q.waiters.splice(0)) {
            if (!w.settled) w.reject(new CallSlotWaitError('the call admission failed unexpectedly'));
            w.settled = true;
          }
        });
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const done = this.permits
        .release(server, holder, permits)
        .catch((error: unknown) => {
          // the permits free themselves when their lease passes; until then this instance counts them as held
          this.logger.warn(
            { err: error, server, holder },
            'could not give a Spectrum call permit back; it frees itself when its lease ends',
          );
        })
        .finally(() => {
          this.pendingReleases.delete(done);
          q.wake?.();
        });
      this.pendingReleases.add(done);
    };
  }

  private queue(server: string): ServerQueue {
    let q = this.queues.get(server);
    if (!q) {
      q = { server, waiters: [], pumping: false, wake: null, ensured: '' };
      this.queues.set(server, q);
    }
    return q;
  }

  /** Serves the queue's waiters in order, one admission attempt at a time, until it is empty. */
  private async pump(q: ServerQueue): Promise<void> {
    q.pumping = true;
    let misses = 0;
    let lastDbError: string | null = null;
    try {
      while (q.waiters.length > 0) {
        const w = q.waiters[0] as Waiter;
        if (w.settled) {
          q.waiters.shift();
          continue;
        }
        const now = Date.now();
        if (now >= w.deadline || this.stopping) {
          q.waiters.shift();
          w.settled = true;
          w.reject(new CallSlotWaitError(this.waitedTooLong(w, lastDbError)));
          continue;
        }
        const holder = w.holder;
        let attempt: AdmissionAttempt | null = null;
        try {
          const key = `${w.limits.maxConcurrent}/${w.limits.perSecond}`;
          if (q.ensured !== key) {
            await this.permits.ensure(q.server, w.limits);
            q.ensured = key;
          }
          attempt = await this.permits.tryAcquire(q.server, holder, w.limits, this.leaseMs);
          lastDbError = null;
        } catch (error) {
          lastDbError =
            error instanceof Error
              ? error.message.split('\n')[0]?.slice(0, 200) || error.name
              : String(error);
          if (misses === 0)
            this.logger.warn(
              { err: error, server: q.server },
              'Spectrum call admission: the database did not answer',
            );
        }
        if (attempt?.granted) {
          misses = 0;
          q.waiters.shift();
          if (w.settled) {
            // cancelled while the statement ran: give the permits straight back
            await this.permits.release(q.server, holder, attempt.permits).catch(() => {});
            continue;
          }
          w.settled = true;
          w.resolve(attempt.permits);
          continue;
        }
        misses++;
        const base =
          attempt && !attempt.concurrencyBound && attempt.nextRateInMs !== null
            ? Math.max(1, attempt.nextRateInMs)
            : Math.min(MAX_POLL_MS, MIN_POLL_MS * 2 ** Math.min(misses - 1, 4));
        const pause = Math.min(base + this.random() * MIN_POLL_MS, Math.max(0, w.deadline - Date.now()));
        await this.pause(q, lastDbError ? Math.max(pause, Math.min(500, w.deadline - Date.now())) : pause);
      }
    } finally {
      q.pumping = false;
    }
  }

  private pause(q: ServerQueue, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        q.wake = null;
        resolve();
      }
      q.wake = done;
    });
  }

  private waitedTooLong(w: Waiter, dbError: string | null): string {
    if (this.stopping) return 'the service is stopping';
    const seconds = Math.round(this.env.SPECTRUM_CALL_WAIT_MS / 100) / 10;
    if (dbError)
      return `waited ${seconds} s: the database that shares the Spectrum call limit did not answer (${dbError})`;
    return (
      `waited ${seconds} s for a free Spectrum call slot; the connection allows ${w.limits.maxConcurrent} ` +
      `call${w.limits.maxConcurrent === 1 ? '' : 's'} at once and ${w.limits.perSecond} a second across all instances`
    );
  }

  /** Waits for the permits given back but not yet recorded (shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    for (const q of this.queues.values()) q.wake?.();
    await Promise.allSettled([...this.pendingReleases]);
  }
}
