import { fromDayNumber, todayInChina, toDayNumber } from '../calendar/calendar-date';
import type { AuditHasher } from './audit-hash';

/**
 * The daily digest of the audit trail: one keyed digest over the head of
 * every chain as it stood at the end of a day (China Standard Time).
 *
 * Each head counts as a keyed leaf, HMAC(type, id, seq, hash) read as a
 * 256-bit number; the day's state is the sum of all leaves mod 2^256. A sum
 * does not depend on order, so the state of day D follows from day D-1 by the
 * chains that moved on D alone, and a verification streaming the log chain by
 * chain recomputes every stored day at once. Without the key no leaf can be
 * computed, so no state can be made to fit a rewritten log.
 */

const MOD = 1n << 256n;
/** A day is digested this long after it ended, so that no transaction begun before midnight is still to commit. */
export const DIGEST_MARGIN_MS = 5 * 60_000;

export interface HeadLink {
  entityType: string;
  entityId: string;
  seq: number;
  hash: string;
}

export function leaf(hasher: AuditHasher, head: HeadLink): bigint {
  return BigInt(`0x${hasher.mac('audit-head:v1', `${head.entityType}\n${head.entityId}\n${head.seq}\n${head.hash}`)}`);
}

export function addMod(a: bigint, b: bigint): bigint {
  return (((a + b) % MOD) + MOD) % MOD;
}

export function stateHex(state: bigint): string {
  return state.toString(16).padStart(64, '0');
}

export function parseState(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

/** The published digest of a day: its date, the number of chains and their state, under the key. */
export function dayDigest(hasher: AuditHasher, day: string, chains: number, state: bigint): string {
  return hasher.mac('audit-digest:v1', `${day}\n${chains}\n${stateHex(state)}`);
}

/** The first instant after a China Standard Time day, as an ISO timestamp. */
export function dayEnd(day: string): string {
  return `${fromDayNumber(toDayNumber(day) + 1)}T00:00:00+08:00`;
}

export function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}

export function nextDay(day: string): string {
  return fromDayNumber(toDayNumber(day) + 1);
}

/** The last day that may be digested now: it ended at least DIGEST_MARGIN_MS ago. */
export function lastDigestibleDay(now: Date): string {
  return fromDayNumber(toDayNumber(todayInChina(new Date(now.getTime() - DIGEST_MARGIN_MS))) - 1);
}

/**
 * Recomputes the state of every stored day from chains fed one at a time, in
 * any order, each with its rows in sequence order.
 */
export class DayStates {
  private readonly ends: number[];
  private readonly delta: bigint[];
  private readonly count: number[];

  constructor(private readonly hasher: AuditHasher, readonly days: string[]) {
    this.ends = days.map((d) => Date.parse(dayEnd(d)));
    this.delta = days.map(() => 0n);
    this.count = days.map(() => 0);
  }

  /** Index of the first stored day whose end is after `at` (days.length: after every stored day). */
  private dayOf(at: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at < this.ends[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** One chain's rows, in sequence order. */
  addChain(rows: Array<HeadLink & { at: string }>): void {
    if (!this.days.length) return;
    // heads[i] is the head from day from[i] until the next entry's day: a row
    // is the head of every day from its own on, until a later row takes over.
    const heads: Array<{ from: number; row: HeadLink }> = [];
    for (const row of rows) {
      const from = this.dayOf(Date.parse(row.at));
      while (heads.length && heads[heads.length - 1].from >= from) heads.pop();
      heads.push({ from, row });
    }
    for (let i = 0; i < heads.length; i++) {
      const { from, row } = heads[i];
      if (from >= this.days.length) break;
      const value = leaf(this.hasher, row);
      this.delta[from] = addMod(this.delta[from], value);
      if (i === 0) this.count[from]++;
      const until = heads[i + 1]?.from;
      if (until !== undefined && until < this.days.length) this.delta[until] = addMod(this.delta[until], -value);
    }
  }

  /** Each stored day's chain count and state. */
  states(): Array<{ day: string; chains: number; state: bigint }> {
    let state = 0n;
    let chains = 0;
    return this.days.map((day, i) => {
      state = addMod(state, this.delta[i]);
      chains += this.count[i];
      return { day, chains, state };
    });
  }
}
