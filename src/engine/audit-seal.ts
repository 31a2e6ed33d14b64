import { Injectable } from '@nestjs/common';
import { createHash, type Hash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PinoLogger } from 'nestjs-pino';
import { Transactions } from '../database/transactions';
import { AuditHasher, LEGACY_SCHEME } from './audit-hash';
import { AuditRepository } from './audit.repository';

export interface SealState {
  /** Rows up to this id may carry the old scheme; none above it. 0 when there is no valid seal. */
  ceiling: bigint;
  /** The stored seal, when the upgrade was sealed. */
  seal: string | null;
  present: boolean;
}

/** The running digest of the chain heads as they stood at the upgrade: one line per chain, in chain order. */
export class LegacyHeads {
  private readonly hash: Hash = createHash('sha256');

  add(head: { entityType: string; entityId: string; seq: number; hash: string }): void {
    this.hash.update(`${head.entityType} ${head.entityId} ${head.seq} ${head.hash}\n`);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export function sealOf(hasher: AuditHasher, ceiling: bigint, legacyHeads: string): string {
  return hasher.mac('audit-seal:v1', `${ceiling}\n${legacyHeads}`);
}

/**
 * The seal of the upgrade to keyed links (migration AuditKeyedChain): which
 * rows may still carry plain SHA-256, and the heads of the chains at that
 * moment, under the audit key. Without it a tamperer could rewrite a row as
 * an "old" one and re-hash the chain with plain SHA-256.
 */
@Injectable()
export class AuditSeal {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditRepository,
    private readonly hasher: AuditHasher,
    private readonly logger: PinoLogger,
  ) {}

  async read(em: EntityManager): Promise<SealState> {
    const row = await this.audit.readSeal(em);
    if (!row) return { ceiling: 0n, seal: null, present: false };
    // An unsealed ceiling admits nothing: it could have been raised by anyone.
    return { ceiling: row.seal ? BigInt(row.ceiling) : 0n, seal: row.seal, present: true };
  }

  /**
   * Seals the ceiling the migration stored, on the first start after it
   * (bootstrap's migrate, before any request). Only while the log holds no
   * keyed row yet: later, an unsealed ceiling means someone reset it.
   */
  async ensureSealed(): Promise<void> {
    await this.transactions.run(async (em) => {
      const row = await this.audit.readSeal(em, true);
      if (!row || row.seal) return;
      if (await this.audit.hasRowNotOf(em, LEGACY_SCHEME)) {
        this.logger.warn({ msg: 'the audit seal was reset after keyed rows were written: not sealing again; /audit/verify reports old-scheme rows' });
        return;
      }
      const ceiling = BigInt(row.ceiling);
      const heads = new LegacyHeads();
      for (const r of await this.audit.headsUpTo(em, ceiling)) heads.add(r);
      await this.audit.storeSeal(em, sealOf(this.hasher, ceiling, heads.digest()));
    });
  }
}
