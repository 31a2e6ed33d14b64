import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerHitsRepository } from './throttler-hits.repository';

/** What the throttler reads back of one hit (its ThrottlerStorageRecord; times in seconds). */
export interface HitRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** Ended windows and blocks are swept at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

/** @nestjs/throttler's storage over `throttler_hits` (ThrottlerHitsRepository), shared by every replica. */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  private lastPrune = 0;

  constructor(private readonly hits: ThrottlerHitsRepository) {}

  /** `ttl` and `blockDuration` in milliseconds, as the throttler gives them; the record's times in seconds. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<HitRecord> {
    const row = await this.hits.hit(key, ttl / 1000, limit, blockDuration / 1000);
    await this.pruneNowAndThen();
    return { totalHits: row.hits, timeToExpire: row.timeToExpire, isBlocked: row.isBlocked, timeToBlockExpire: row.timeToBlockExpire };
  }

  /** Every address leaves a row per throttler: those whose window and block have ended go, at most once a minute. */
  private async pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    // A failed sweep costs nothing but rows; the next one takes them.
    await this.hits.removeEnded().catch(() => undefined);
  }
}
