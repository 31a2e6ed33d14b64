import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Transactions } from '../database/transactions';
import { KEYED_SCHEME } from './audit-hash';
import type { AuditEntry, AuditRepository, ChainHead } from './audit.repository';
import type { IdempotencyRepository } from './idempotency.repository';
import type { OutboxRepository } from './outbox.repository';
import { TransitionService } from './transition.service';

/** One appended audit row as the in-memory log keeps it, with the outbox rows written beside it. */
export interface LoggedStep extends AuditEntry {
  id: string;
  seq: number;
  prevHash: string | null;
  outbox: Array<Record<string, unknown>>;
}

/**
 * The audit log in memory, for service specs: `append` numbers a row after
 * the head it is given, as the real one does; hashing is the database tests' concern.
 */
export class InMemoryAuditLog {
  readonly rows: LoggedStep[] = [];

  async append(_em: EntityManager, entry: AuditEntry, head: ChainHead, outbox: Array<Record<string, unknown>> = []) {
    const row = { ...entry, id: String(this.rows.length + 1), seq: head.seq + 1, prevHash: head.hash, outbox };
    this.rows.push(row);
    return { ...row, at: '2026-07-01T00:00:00.000Z', hash: `hash-${row.id}`, hashScheme: KEYED_SCHEME };
  }

  async headOf(_em: EntityManager, entityType: string, entityId: string): Promise<ChainHead> {
    const last = this.rows.filter((r) => r.entityType === entityType && r.entityId === entityId).at(-1);
    return { seq: last?.seq ?? 0, hash: last ? `hash-${last.id}` : null };
  }
}

/**
 * A TransitionService over in-memory stores: a transaction runs its work on
 * `em` (a fake manager whose raw reads answer no rows unless the spec says
 * otherwise), the audit log is `audit`, and no idempotency key is ever stored.
 */
export function inMemoryEngine(em: Partial<EntityManager> = {}) {
  const manager = { query: async () => [], ...em } as EntityManager;
  const ds = { manager, transaction: <T>(work: (em: EntityManager) => Promise<T>) => work(manager) } as unknown as DataSource;
  const audit = new InMemoryAuditLog();
  const idempotency = { find: async () => undefined, save: async () => true } as unknown as IdempotencyRepository;
  const engine = new TransitionService(ds, audit as unknown as AuditRepository, {} as OutboxRepository, idempotency);
  // The services' unit of work on the same fake manager.
  const transactions = { run: ds.transaction, outside: manager } as unknown as Transactions;
  return { engine, audit, ds, transactions, em: manager };
}

/** A signed-in caller of the demo district (上街区, 410106). */
export function principal(role: Principal['role'], overrides: Partial<Principal> = {}): Principal {
  const organisationId = `org-${role}`;
  return {
    userId: `user-${role}`,
    username: role,
    displayName: `${role} 经办人`,
    role,
    organisationId,
    organisationName: `${role} 单位`,
    organisationKind: role,
    jurisdictionCode: role === 'eeb' || role === 'land' ? '410106' : null,
    level: role === 'eeb' || role === 'land' ? 'district' : null,
    ...overrides,
  };
}
