import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Transactions } from '../database/transactions';
import { AuditHasher, KEYED_SCHEME, LEGACY_SCHEME } from './audit-hash';
import { AuditDigestRepository } from './audit-digest.repository';
import { DayStates, dayDigest, parseState } from './audit-digest';
import { AuditFocusRepository, type ChainFocus } from './audit-focus.repository';
import { AuditSeal, LegacyHeads, sealOf, type SealState } from './audit-seal';
import { AuditRepository, type AuditEntityType, type AuditRow, type ChainCursor, type StoredHead } from './audit.repository';

export interface BrokenLink {
  plotId: string | null;
  entityType: AuditEntityType;
  entityId: string;
  seq: number;
  reason: string;
}

export interface ChainCheck {
  valid: boolean;
  /** Audit rows checked. */
  checked: number;
  /** Chains checked (plots and transports). */
  chains: number;
  /**
   * all: every chain, the upgrade seal and the daily digests; jurisdiction: the chains of the caller's plots only;
   * plot: one plot's chain and its transports'; key_unit: one key unit's chain.
   */
  scope: 'all' | 'jurisdiction' | 'plot' | 'key_unit';
  jurisdiction?: string;
  plotId?: string;
  keyUnitId?: string;
  /** How long the check took, in milliseconds (the database's work included). */
  elapsedMs?: number;
  /** Stored daily digests recomputed from the log. */
  digestsChecked: number;
  firstBroken?: BrokenLink;
  sealBroken?: { reason: string };
  digestBroken?: { date: string; reason: string };
}

const LABEL: Record<AuditEntityType, string> = { plot: '地块', transport: '转运批次', key_unit: '重点监管单位', warning: '监测预警', public_report: '公众举报' };
const FIRST_KEY: ChainCursor = { entityType: '', entityId: '00000000-0000-0000-0000-000000000000' };

/** Where the rows and heads of a check come from: every chain, a caller's plots, or one plot or key unit. */
interface ChainSource {
  rowsAfter(em: EntityManager, after: ChainCursor & { seq: number }, limit: number): Promise<AuditRow[]>;
  headsAfter(em: EntityManager, after: ChainCursor, limit: number): Promise<StoredHead[]>;
  misprinted(em: EntityManager): Promise<{ number: string; plotId: string; seq: number } | undefined>;
}

function compareKey(a: { entityType: string; entityId: string }, b: { entityType: string; entityId: string }): number {
  if (a.entityType !== b.entityType) return a.entityType < b.entityType ? -1 : 1;
  return a.entityId === b.entityId ? 0 : a.entityId < b.entityId ? -1 : 1;
}

/**
 * GET /audit/verify: recomputes every chain in one snapshot of the database
 * and checks what a deletion or a re-hash would leave behind —
 * each link against the key, the scheme of each row against the upgrade
 * seal, each chain's end against the head kept on its plot or transport, that
 * every plot and transport has its chain, the heads printed on the filing
 * documents, and (over all chains) the seal and the stored daily digests.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditRepository,
    private readonly hasher: AuditHasher,
    private readonly seal: AuditSeal,
    private readonly digests: AuditDigestRepository,
    private readonly focused: AuditFocusRepository,
  ) {}

  async verify(me: Principal, batchSize = 5000): Promise<ChainCheck> {
    const started = Date.now();
    // Repeatable read: the log and the heads are read as of one moment, so a transition committing meanwhile is no false alarm.
    const result = await this.transactions.run((em) => this.verifyIn(em, me, batchSize), 'REPEATABLE READ');
    return { ...result, elapsedMs: Date.now() - started };
  }

  /**
   * One plot's chain (with its transports') or one key unit's. The caller must see the plot or unit: that is asked
   * first, in the same snapshot, and nothing of the log is read otherwise (undefined: the controller answers 404).
   */
  async verifyOne(me: Principal, focus: ChainFocus, batchSize = 5000): Promise<ChainCheck | undefined> {
    const started = Date.now();
    const result = await this.transactions.run(async (em) => {
      if (!(await this.focused.visible(em, me, focus))) return undefined;
      const source: ChainSource = {
        rowsAfter: (e, after, limit) => this.focused.rowsAfter(e, focus, after, limit),
        headsAfter: async (e, after) => (after === FIRST_KEY ? this.focused.heads(e, focus) : []),
        misprinted: (e) => ('plotId' in focus ? this.focused.firstMisprintedHead(e, focus.plotId) : Promise.resolve(undefined)),
      };
      const base: ChainCheck = 'plotId' in focus
        ? { valid: true, checked: 0, chains: 0, digestsChecked: 0, scope: 'plot', plotId: focus.plotId }
        : { valid: true, checked: 0, chains: 0, digestsChecked: 0, scope: 'key_unit', keyUnitId: focus.keyUnitId };
      return this.checkChains(em, source, base, false, batchSize);
    }, 'REPEATABLE READ');
    return result && { ...result, elapsedMs: Date.now() - started };
  }

  private verifyIn(em: EntityManager, me: Principal, batchSize: number): Promise<ChainCheck> {
    const all = me.role === 'admin';
    // The administrator checks every chain; anyone else the chains of the plots they may see.
    const scope = all ? null : me;
    const source: ChainSource = {
      rowsAfter: (e, after, limit) => this.audit.chainRowsAfter(e, scope, after, limit),
      headsAfter: (e, after, limit) => this.audit.chainHeadsAfter(e, scope, after, limit),
      misprinted: (e) => this.audit.firstMisprintedHead(e, scope),
    };
    return this.checkChains(em, source, {
      valid: true, checked: 0, chains: 0, digestsChecked: 0,
      scope: all ? 'all' : 'jurisdiction', ...(all ? {} : { jurisdiction: me.jurisdictionCode ?? undefined }),
    }, all, batchSize);
  }

  private async checkChains(em: EntityManager, source: ChainSource, result: ChainCheck, all: boolean, batchSize: number): Promise<ChainCheck> {
    const seal = await this.seal.read(em);
    const stored = all ? await this.digests.all(em) : [];
    const legacy = new LegacyHeads();
    const days = new DayStates(this.hasher, stored.map((d) => d.day));
    const heads = peekable(this.heads(em, source, batchSize));
    let chain: AuditRow[] = [];
    const endChain = async (): Promise<BrokenLink | undefined> => {
      const broken = await this.checkEnd(chain, heads);
      if (!broken && all) this.feed(chain, seal, legacy, days);
      result.chains++;
      chain = [];
      return broken;
    };
    for await (const row of this.rows(em, source, batchSize)) {
      if (chain.length && compareKey(chain[0], row) !== 0) {
        const broken = await endChain();
        if (broken) return { ...result, valid: false, firstBroken: broken };
      }
      const prev = chain[chain.length - 1];
      const reason = this.linkProblem(prev, row, seal.ceiling);
      if (reason) return { ...result, valid: false, firstBroken: brokenAt(row, row.seq, reason) };
      chain.push(row);
      result.checked++;
    }
    // Heads left after the last chain have no chain either.
    const broken = (chain.length ? await endChain() : undefined) ?? (await this.checkEnd([], heads));
    if (broken) return { ...result, valid: false, firstBroken: broken };
    const printed = await this.printedHeadProblem(em, source);
    if (printed) return { ...result, valid: false, firstBroken: printed };
    if (!all) return result;
    const sealBroken = this.sealProblem(seal, legacy);
    if (sealBroken) return { ...result, valid: false, sealBroken };
    for (const [i, state] of days.states().entries()) {
      const day = stored[i];
      result.digestsChecked++;
      const reason =
        dayDigest(this.hasher, day.day, day.chains, parseState(day.state)) !== day.digest ? '存储的当日摘要与其密钥签名不符（已被改动）' :
        state.chains !== day.chains || state.state !== parseState(day.state) ? '审计日志与当日公布的摘要不符：此后有记录被改写、删除或插入' : undefined;
      if (reason) return { ...result, valid: false, digestBroken: { date: day.day, reason } };
    }
    return result;
  }

  private linkProblem(prev: AuditRow | undefined, row: AuditRow, ceiling: bigint): string | undefined {
    const expectedSeq = prev ? prev.seq + 1 : 1;
    if (row.seq !== expectedSeq) return `序号不连续：应为第 ${expectedSeq} 条`;
    if (row.prevHash !== (prev?.hash ?? null)) return '前序哈希与上一条记录不符';
    if (row.hashScheme !== KEYED_SCHEME && row.hashScheme !== LEGACY_SCHEME) return '记录使用了未知的哈希算法';
    if (row.hashScheme === LEGACY_SCHEME) {
      // A tamperer without the key can only re-hash with plain SHA-256: old-scheme rows are accepted only as they were at the upgrade.
      if (prev?.hashScheme === KEYED_SCHEME) return '带密钥的记录之后出现了未加密钥的记录（哈希算法被降级）';
      if (BigInt(row.id) > ceiling) return '升级到带密钥的哈希之后写入的记录却未加密钥（可能被改写后重新计算了哈希）';
    }
    if (this.hasher.chainHash(row.hashScheme, prev?.hash ?? null, row) !== row.hash) return '记录内容与其哈希不符（已被篡改，或哈希不是用本系统的密钥计算的）';
    return undefined;
  }

  /** The chain's end against the head on its plot or transport; heads that come before it have no chain at all. */
  private async checkEnd(chain: AuditRow[], heads: Peekable<StoredHead>): Promise<BrokenLink | undefined> {
    const last = chain[chain.length - 1];
    const before = await heads.peek();
    if (before && (!last || compareKey(before, last) < 0)) {
      return brokenAt(before, 1, `${LABEL[before.entityType]}没有任何审计记录（其记录的链头为第 ${before.seq} 条）：整条审计链缺失`);
    }
    if (!last) return undefined;
    const head = await heads.peek();
    if (!head || compareKey(head, last) !== 0) return brokenAt(last, last.seq, `审计记录所属的${LABEL[last.entityType]}不存在`);
    await heads.next();
    if (head.seq > last.seq) {
      return brokenAt(last, last.seq + 1, `审计链缺少末尾的记录：${LABEL[last.entityType]}记录的链头为第 ${head.seq} 条，日志只到第 ${last.seq} 条`);
    }
    if (head.seq !== last.seq || head.hash !== last.hash) {
      return brokenAt(last, last.seq, `审计链末尾（第 ${last.seq} 条）与${LABEL[last.entityType]}记录的链头（第 ${head.seq} 条）不符`);
    }
    return undefined;
  }

  /** The chain's share of the seal (its head at the upgrade) and of the daily digests. */
  private feed(chain: AuditRow[], seal: SealState, legacy: LegacyHeads, days: DayStates) {
    let legacyHead: AuditRow | undefined;
    for (const row of chain) if (BigInt(row.id) <= seal.ceiling) legacyHead = row;
    if (legacyHead) legacy.add(legacyHead);
    days.addChain(chain);
  }

  private sealProblem(seal: SealState, legacy: LegacyHeads): { reason: string } | undefined {
    if (!seal.present) return { reason: '升级封存记录缺失（已被删除）' };
    if (seal.seal && sealOf(this.hasher, seal.ceiling, legacy.digest()) !== seal.seal) {
      return { reason: '升级时封存的审计链头与现在的日志不符：旧算法记录被改写，或封存被改动' };
    }
    return undefined;
  }

  /** The chain head printed on each filing document (seq and short hash) must still be in the log. */
  private async printedHeadProblem(em: EntityManager, source: ChainSource): Promise<BrokenLink | undefined> {
    const doc = await source.misprinted(em);
    if (!doc) return undefined;
    return { plotId: doc.plotId, entityType: 'plot', entityId: doc.plotId, seq: doc.seq, reason: `备案文件 ${doc.number} 上印制的审计链头（第 ${doc.seq} 条）与日志不符` };
  }

  private async *rows(em: EntityManager, source: ChainSource, batchSize: number): AsyncGenerator<AuditRow> {
    let cursor = { ...FIRST_KEY, seq: 0 };
    for (;;) {
      const rows = await source.rowsAfter(em, cursor, batchSize);
      yield* rows;
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      cursor = { entityType: last.entityType, entityId: last.entityId, seq: last.seq };
    }
  }

  private async *heads(em: EntityManager, source: ChainSource, batchSize: number): AsyncGenerator<StoredHead> {
    let cursor = FIRST_KEY;
    for (;;) {
      const rows = await source.headsAfter(em, cursor, batchSize);
      yield* rows;
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      cursor = { entityType: last.entityType, entityId: last.entityId };
    }
  }
}

function brokenAt(at: { plotId: string | null; entityType: AuditEntityType; entityId: string }, seq: number, reason: string): BrokenLink {
  return { plotId: at.plotId, entityType: at.entityType, entityId: at.entityId, seq, reason };
}

interface Peekable<T> {
  peek(): Promise<T | undefined>;
  next(): Promise<T | undefined>;
}

function peekable<T>(source: AsyncGenerator<T>): Peekable<T> {
  let buffered: { value: T | undefined } | undefined;
  const pull = async () => {
    const r = await source.next();
    return { value: r.done ? undefined : r.value };
  };
  return {
    async peek() {
      buffered ??= await pull();
      return buffered.value;
    },
    async next() {
      const value = buffered ? buffered.value : (await pull()).value;
      buffered = undefined;
      return value;
    },
  };
}
