import type { EntityManager } from 'typeorm';
import type { MachineName } from '../../workflows';
import type { Principal } from '../auth/principal';
import type { DeadlineWrite } from '../deadlines/deadlines.repository';
import type { AuditEntityType } from './audit.repository';
import type { EventEnvelope } from './dto/plot-events.dto';
import type { ScopeFacts } from './scope';

/** The stored form of anything that runs a statechart: a plot, a soil-transport batch or a key unit. */
export interface WorkflowRow {
  id: string;
  /** The plot its audit rows belong to; null for a key unit, whose chain belongs to no plot. */
  plotId: string | null;
  machineName: string;
  machineVersion: number;
  snapshot: unknown;
  version: number;
  state: string;
  /** The audit chain head, when the row was loaded with it (see AuditChainHead migration). */
  auditSeq?: number;
  auditHash?: string | null;
}

/** The step just written: from and to state, and its audit row. */
export interface Step {
  from: string;
  to: string;
  auditId: string;
}

export interface FilingRequest {
  kind: string;
  variant?: string;
  [k: string]: unknown;
}

/** The first snapshot of a started entity, as its row stores it. */
export interface FirstSnapshot {
  machineName: string;
  machineVersion: number;
  state: string;
  snapshot: unknown;
}

/** What one start is judged on and writes, as the adapter has read it in the start's transaction. */
export interface StartPlan {
  plotId: string | null;
  /** The machine's input: the actor's initial context is built from it. */
  input: Record<string, unknown>;
  scopeFacts: ScopeFacts;
  /** The facts the start guards of the machine read. */
  guardFacts: Record<string, unknown>;
  /** The request as the first audit row records it. */
  payload: Record<string, unknown>;
  /** Writes the entity's row with its first snapshot; the first audit row then moves the chain head kept on it. */
  insert(first: FirstSnapshot): Promise<void>;
}

/**
 * What the transition engine needs to know about one kind of workflow entity.
 * The engine does the rest: start, lock, restore, policy, guards, transition,
 * audit, outbox and idempotency, all in one transaction.
 */
export interface WorkflowAdapter<R extends WorkflowRow = WorkflowRow, S = unknown> {
  entityType: AuditEntityType;
  /** The machine new entities start on, at its current version. */
  machineName: MachineName;
  /** Client payload class per event type. */
  eventDtos: Record<string, new () => EventEnvelope>;
  /** Payloads with which an event can be tried for `allowedEvents` (events needing real client data are judged by policy only). */
  probes: Record<string, Record<string, unknown>>;
  /**
   * Reads and checks what starting entity `id` from `request` needs, locking
   * what the start depends on; refuses bad input (400) or an unseen parent (404).
   */
  prepareStart(em: EntityManager, me: Principal, id: string, request: S): Promise<StartPlan>;
  /** The row when the caller may see it, locked FOR UPDATE when asked. */
  load(em: EntityManager, me: Principal, id: string, lock: boolean): Promise<R | undefined>;
  scopeFacts(em: EntityManager, row: R, state: string): Promise<ScopeFacts>;
  /** Server-held facts the guards read (report metadata, screening verdict, open transports …). */
  enrich(em: EntityManager, row: R, type: string, payload: Record<string, unknown>, context: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** SET items the row takes from its new snapshot beside snapshot, state and version (`snapshot` is a jsonb SQL expression). */
  derivedColumns?(snapshot: string): string;
  /** The deadlines the step opens and closes (README, Deadlines), written with its audit row. */
  stepDeadlines?(row: R, event: Record<string, unknown>, step: { from: string; to: string }): DeadlineWrite | undefined;
  /** Records derived from an accepted event, in the same transaction (e.g. the commission table). */
  afterTransition?(em: EntityManager, row: R, event: Record<string, unknown>, me: Principal, step: Step): Promise<void>;
  /** Filing documents the step produces (docs/plot-lifecycle.v1.md; README, Filing documents). */
  filings(type: string, from: string, to: string, event: Record<string, unknown>): FilingRequest[];
  notFoundMessage: string;
}
