import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { toDayNumber } from '../calendar/calendar-date';
import { AppClock, CLOCK } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PinoLogger } from 'nestjs-pino';
import { Transactions } from '../database/transactions';
import { AuditHasher } from './audit-hash';
import { AuditDigestRepository, type StoredDigest } from './audit-digest.repository';
import { addMod, dayDigest, dayEnd, dayStart, lastDigestibleDay, leaf, nextDay, parseState, stateHex } from './audit-digest';

const HOURLY_MS = 3_600_000;

/**
 * Stores one digest per day over every chain head as of that day's end
 * (audit-digest.ts), once, after the day is over. Computed by an hourly timer
 * in each process and on a request for the public digests, whichever comes
 * first; an advisory lock and the day's primary key keep it to one row.
 */
@Injectable()
export class AuditDigestService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  /** The last day this process has seen stored: a public request then costs no transaction. */
  private storedThrough: string | undefined;

  constructor(
    private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
    private readonly hasher: AuditHasher,
    private readonly digests: AuditDigestRepository,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.jobs.enabled) return;
    // The first run waits an hour: a start (or a benchmark) is not slowed by a first digest over a large log.
    this.timer = setInterval(() => {
      this.ensureDigests().catch((e) => this.logger.error(e instanceof Error ? e : String(e), undefined, 'AuditDigestService'));
    }, HOURLY_MS);
    this.timer.unref();
  }

  onModuleDestroy() {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Digests every day from the last stored one up to the last day that is
   * over. The first digest of a database covers the heads as of yesterday's
   * end; each later day adds the chains that moved that day.
   */
  async ensureDigests(): Promise<void> {
    const last = lastDigestibleDay(this.clock.now());
    if (this.storedThrough && this.storedThrough >= last) return;
    await this.transactions.run(async (em) => {
      await this.digests.lock(em);
      const latest = await this.digests.latest(em);
      if (latest && latest.day >= last) return;
      if (!latest) {
        const heads = await this.digests.headsBefore(em, dayEnd(last));
        let state = 0n;
        for (const h of heads) state = addMod(state, leaf(this.hasher, h));
        await this.store(em, last, heads.length, state);
        return;
      }
      let previous: Pick<StoredDigest, 'day' | 'chains' | 'state'> = latest;
      for (let day = nextDay(latest.day); toDayNumber(day) <= toDayNumber(last); day = nextDay(day)) {
        let state = parseState(previous.state);
        let chains = previous.chains;
        for (const m of await this.digests.moves(em, dayStart(day), dayEnd(day))) {
          if (m.prevSeq !== null && m.prevSeq > m.seq) continue;
          state = addMod(state, leaf(this.hasher, m));
          if (m.prevSeq === null) chains++;
          else state = addMod(state, -leaf(this.hasher, { ...m, seq: m.prevSeq, hash: m.prevHash! }));
        }
        await this.store(em, day, chains, state);
        previous = { day, chains, state: stateHex(state) };
      }
    });
    this.storedThrough = last;
  }

  private store(em: Parameters<AuditDigestRepository['insert']>[0], day: string, chains: number, state: bigint) {
    return this.digests.insert(em, { day, chains, state: stateHex(state), digest: dayDigest(this.hasher, day, chains, state) });
  }

  async recent(limit = 30) {
    await this.ensureDigests();
    return (await this.digests.recent(limit)).map(toPublic);
  }

  async of(day: string) {
    await this.ensureDigests();
    const stored = await this.digests.find(day);
    return stored && toPublic(stored);
  }
}

/** What is published: the day, how many chains, the digest; the state stays internal. */
export function toPublic(d: StoredDigest) {
  return { date: d.day, chains: d.chains, digest: d.digest, computedAt: d.computedAt };
}
