import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { DataSource, EntityManager } from 'typeorm';
import { createActor, type AnyMachineSnapshot } from 'xstate';
import {
  candidateEvents,
  canSend,
  CURRENT_VERSION,
  getMachine,
  persist,
  refusingGuards,
  registry,
  stateValueToPath,
  transitionFor,
  type MachineDefinition,
  type MachineName,
  type RestoredSnapshot,
} from '../../workflows';
import type { Principal } from '../auth/principal';
import {
  ConflictError,
  EventNotAllowedError,
  ForbiddenError,
  GuardRefusedError,
  NotFoundError,
  VersionConflictError,
} from '../common/errors';
import { AuditRepository } from './audit.repository';
import { canonicalJson, sha256Hex } from './canonical-json';
import { eventTypeOf, parseEventBody, type ParsedEvent } from './event-validation';
import { IdempotencyRepository } from './idempotency.repository';
import { OutboxRepository } from './outbox.repository';
import { checkPolicy } from './scope';
import type { StartPlan, WorkflowAdapter, WorkflowRow } from './workflow-entity';

/** How many steps of others a client's view may be behind and still be judged on the entity as it is now. */
const MAX_STEPS_BEHIND = 20;

/** Raised inside the transaction when a concurrent request with the same Idempotency-Key committed first. */
class ReplayInstead extends Error {
  constructor(readonly response: unknown) {
    super('replay');
  }
}

export interface SendOptions {
  idempotencyKey?: string;
}

type View<R> = (em: EntityManager, row: R, restored: RestoredSnapshot) => Promise<unknown>;

/**
 * The one writer of workflow state. A start, in one transaction: read what it
 * is judged on, check the caller against the start's policy and its guards,
 * create the actor from its input, write the row, the first audit row (seq 1,
 * from no state to the initial one) and its outbox rows. For one event: lock
 * the row, restore its snapshot with the machine version it was stored with,
 * check the caller against the policy table, load the data the guards need,
 * check the guards, compute the transition, refuse an event that changes
 * nothing, then write snapshot + state + version + audit row + outbox rows.
 * Side effects run after commit (the `committed` signal).
 */
@Injectable()
export class TransitionService {
  /** Emits 'committed' after every accepted event; the outbox worker listens. */
  readonly signals = new EventEmitter();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  /**
   * Starts an entity on the current version of the adapter's machine (or, for the tests of an older version still
   * served, on that version) and answers with `view` of it.
   */
  async start<R extends WorkflowRow, S>(
    adapter: WorkflowAdapter<R, S>,
    me: Principal,
    request: S,
    view: View<R>,
    version = CURRENT_VERSION[adapter.machineName],
  ): Promise<unknown> {
    const response = await this.ds.transaction((em) => this.startWithin(em, adapter, me, request, view, version));
    this.signals.emit('committed');
    return response;
  }

  /**
   * A start inside the caller's transaction: a step of one entity that starts another (a key unit's closure
   * registering the plot its site becomes) commits or fails as one. The caller emits `committed` after its commit.
   */
  async startWithin<R extends WorkflowRow, S>(
    em: EntityManager,
    adapter: WorkflowAdapter<R, S>,
    me: Principal,
    request: S,
    view: View<R>,
    version = CURRENT_VERSION[adapter.machineName],
  ): Promise<unknown> {
    const definition = getMachine(adapter.machineName, version);
    const id = randomUUID();
    const plan = await adapter.prepareStart(em, me, id, request);
    checkStart(definition, me, plan);
    const snapshot = createActor(definition.machine, { input: plan.input }).getSnapshot();
    const state = stateValueToPath(snapshot.value);
    const { name: machineName, version: machineVersion, start } = definition;
    await plan.insert({ machineName, machineVersion, state, snapshot: persist(definition.machine, snapshot) });
    await this.audit.append(em, {
      entityType: adapter.entityType,
      entityId: id,
      plotId: plan.plotId,
      eventType: start.event,
      payload: plan.payload,
      actorUserId: me.userId,
      actorName: me.displayName,
      role: me.role,
      organisationId: me.organisationId,
      organisationName: me.organisationName,
      fromState: null,
      toState: state,
      machineName,
      machineVersion,
    }, { seq: 0, hash: null }, adapter.filings(start.event, '', state, plan.payload));
    const row = (await adapter.load(em, me, id, false))!;
    return view(em, row, this.restore(row));
  }

  async send<R extends WorkflowRow>(
    adapter: WorkflowAdapter<R>,
    me: Principal,
    id: string,
    body: unknown,
    view: View<R>,
    opts: SendOptions = {},
  ): Promise<unknown> {
    const type = eventTypeOf(body, adapter.eventDtos);
    const key = opts.idempotencyKey;
    // Only a keyed request is ever compared with a stored one.
    const requestHash = key ? sha256Hex(canonicalJson({ entity: adapter.entityType, id, body })) : '';
    if (key) {
      const stored = await this.idempotency.find(me.userId, key);
      if (stored) return this.replay(stored, requestHash);
    }
    const parsed = await parseEventBody(body as object, adapter.eventDtos[type]);
    try {
      const response = await this.ds.transaction(async (em) => {
        const row = await adapter.load(em, me, id, true);
        if (!row) throw new NotFoundError(adapter.notFoundMessage);
        if (key) {
          const stored = await this.idempotency.find(me.userId, key, em);
          if (stored) throw new ReplayInstead(this.replay(stored, requestHash));
        }
        await this.apply(em, adapter, me, row, parsed);
        const fresh = (await adapter.load(em, me, id, false))!;
        const response = await view(em, fresh, this.restore(fresh));
        if (key && !(await this.idempotency.save(em, me.userId, key, { requestHash, status: 200, response }))) {
          throw new ReplayInstead(undefined);
        }
        return response;
      });
      this.signals.emit('committed');
      return response;
    } catch (e) {
      if (e instanceof ReplayInstead) {
        if (e.response !== undefined) return e.response;
        const stored = await this.idempotency.find(me.userId, key!);
        return this.replay(stored!, requestHash);
      }
      throw e;
    }
  }

  /**
   * Moves an entity to a later version of its machine (an administrator's explicit act, never a silent upgrade): the
   * registered one-step migrations rewrite the snapshot, the result must restore into the new version, and an audit
   * row MIGRATE_VERSION records it in the entity's chain. The state does not change.
   */
  async migrate<R extends WorkflowRow>(adapter: WorkflowAdapter<R>, me: Principal, id: string, toVersion: number, view: View<R>): Promise<unknown> {
    const response = await this.ds.transaction(async (em) => {
      const row = await adapter.load(em, me, id, true);
      if (!row) throw new NotFoundError(adapter.notFoundMessage);
      const from = row.machineVersion;
      if (toVersion <= from) {
        throw new ConflictError(`该记录已使用第 ${from} 版流程，不能迁移到第 ${toVersion} 版`, { field: 'toVersion' });
      }
      const migrated = registry.migrate({ machine: row.machineName, version: from, snapshot: row.snapshot }, toVersion);
      const head =
        row.auditSeq !== undefined ? { seq: row.auditSeq, hash: row.auditHash ?? null } : await this.audit.headOf(em, adapter.entityType, row.id);
      await this.audit.append(em, {
        entityType: adapter.entityType,
        entityId: row.id,
        plotId: row.plotId,
        eventType: 'MIGRATE_VERSION',
        payload: { fromVersion: from, toVersion },
        actorUserId: me.userId,
        actorName: me.displayName,
        role: me.role,
        organisationId: me.organisationId,
        organisationName: me.organisationName,
        fromState: row.state,
        toState: row.state,
        machineName: row.machineName,
        machineVersion: toVersion,
      }, head, [], {
        row: { snapshot: migrated.snapshot, state: row.state, machineVersion: toVersion, derivedColumns: adapter.derivedColumns?.bind(adapter) },
      });
      const fresh = (await adapter.load(em, me, id, false))!;
      return view(em, fresh, this.restore(fresh));
    });
    this.signals.emit('committed');
    return response;
  }

  restore(row: WorkflowRow): RestoredSnapshot {
    return registry.restore({ machine: row.machineName, version: row.machineVersion, snapshot: row.snapshot });
  }

  /** The events this caller may send now: a transition exists, the policy lets them, and — where it can be tried without client data — the guards pass. */
  async allowedEvents<R extends WorkflowRow>(em: EntityManager, adapter: WorkflowAdapter<R>, me: Principal, row: R, restored: RestoredSnapshot): Promise<string[]> {
    const out: string[] = [];
    const candidates = candidateEvents(restored.snapshot);
    if (!candidates.length) return out;
    const facts = await adapter.scopeFacts(em, row, row.state);
    for (const type of candidates) {
      if (!checkPolicy(restored.definition.policy[type], me, facts, type).ok) continue;
      const probe = adapter.probes[type];
      if (probe) {
        const context = restored.snapshot.context as Record<string, unknown>;
        const event = { type, ...probe, ...(await adapter.enrich(em, row, type, probe, context)), actor: actorOf(me) };
        if (!canSend(restored.machine, restored.snapshot, event as never)) continue;
      }
      out.push(type);
    }
    return out;
  }

  private async apply<R extends WorkflowRow>(em: EntityManager, adapter: WorkflowAdapter<R>, me: Principal, row: R, parsed: ParsedEvent) {
    const restored = this.restore(row);
    const { definition, machine, snapshot } = restored;
    const from = row.state;
    const facts = await adapter.scopeFacts(em, row, from);
    if (!Object.hasOwn(definition.policy, parsed.type)) {
      // An event of another version of the workflow: not an event of this one, whoever sends it.
      throw new EventNotAllowedError(
        `本记录按${definition.version < CURRENT_VERSION[definition.name as MachineName] ? '原' : '新版'}流程办理，没有“${definition.eventLabel(parsed.type)}”这一步`,
        from, await this.allowedEvents(em, adapter, me, row, restored),
      );
    }
    const policy = checkPolicy(definition.policy[parsed.type], me, facts, parsed.type);
    if (!policy.ok) throw new ForbiddenError(policy.reason);
    const allowed = () => this.allowedEvents(em, adapter, me, row, restored);
    if (parsed.expectedVersion !== undefined && parsed.expectedVersion !== row.version
      && !(await this.behindOnlyByOthers(em, adapter, me, row, parsed.expectedVersion))) {
      throw new VersionConflictError(
        `您打开页面之后，此记录已有新的办理（现为“${definition.stateLabel(from)}”），请刷新后重试`,
        from, await allowed(), row.version,
      );
    }
    if (!candidateEvents(snapshot).includes(parsed.type)) {
      throw new EventNotAllowedError(
        `当前状态“${definition.stateLabel(from)}”下不能${definition.eventLabel(parsed.type)}`,
        from, await allowed(),
      );
    }
    const context = snapshot.context as Record<string, unknown>;
    const event = {
      type: parsed.type,
      ...parsed.payload,
      ...(await adapter.enrich(em, row, parsed.type, parsed.payload, context)),
      actor: actorOf(me),
    };
    if (!canSend(machine, snapshot, event as never)) {
      const [guard] = refusingGuards(snapshot, event);
      const refusal = guard ?? { name: 'unknown', negated: false };
      throw new GuardRefusedError(refusal.name, definition.guardReason(refusal, event, context));
    }
    const { next, changed } = transitionFor(machine, snapshot as never, event as never);
    if (!changed) {
      throw new EventNotAllowedError(`${definition.eventLabel(parsed.type)}不会改变任何记录，未予受理`, from, await allowed());
    }
    const to = stateValueToPath((next as AnyMachineSnapshot).value);
    const head =
      row.auditSeq !== undefined ? { seq: row.auditSeq, hash: row.auditHash ?? null } : await this.audit.headOf(em, adapter.entityType, row.id);
    const filings = adapter.filings(parsed.type, from, to, event);
    const entry = await this.audit.append(em, {
      entityType: adapter.entityType,
      entityId: row.id,
      plotId: row.plotId,
      eventType: parsed.type,
      payload: parsed.payload,
      actorUserId: me.userId,
      actorName: me.displayName,
      role: me.role,
      organisationId: me.organisationId,
      organisationName: me.organisationName,
      fromState: from,
      toState: to,
      machineName: definition.name,
      machineVersion: definition.version,
    }, head, filings, {
      row: { snapshot: persist(machine, next as never), state: to, derivedColumns: adapter.derivedColumns?.bind(adapter) },
      deadlines: adapter.stepDeadlines?.(row, event, { from, to }),
    });
    await adapter.afterTransition?.(em, row, event, me, { from, to, auditId: entry.id });
  }

  /**
   * 会同 and expert panels: a view older only by steps that other organisations took without moving the entity out of
   * its state (eeb approved while land had the plot open) is judged on the entity as it is now, by the checks that
   * follow; a step of the caller's own organisation, a change of state or a migration since the view is a conflict.
   */
  private async behindOnlyByOthers<R extends WorkflowRow>(em: EntityManager, adapter: WorkflowAdapter<R>, me: Principal, row: R, expected: number) {
    const behind = row.version - expected;
    if (behind <= 0 || behind > MAX_STEPS_BEHIND) return false;
    const steps = await this.audit.lastSteps(em, adapter.entityType, row.id, behind);
    return steps.length === behind && steps.every((s) =>
      s.fromState === row.state && s.toState === row.state && s.eventType !== 'MIGRATE_VERSION'
      && s.organisationId !== null && s.organisationId !== me.organisationId);
  }

  private replay(stored: { requestHash: string; response: unknown }, requestHash: string): unknown {
    if (stored.requestHash !== requestHash) {
      throw new ConflictError('该 Idempotency-Key 已用于另一个不同的请求', { field: 'Idempotency-Key' });
    }
    return stored.response;
  }
}

/** Who may start, then under which conditions: a refused caller is 403, a refusing start guard 422. */
function checkStart(definition: MachineDefinition, me: Principal, plan: StartPlan): void {
  const { start } = definition;
  if (!checkPolicy(start.policy, me, plan.scopeFacts).ok) {
    throw new ForbiddenError(start.refusals[me.role] ?? start.refusals.otherRoles);
  }
  for (const [name, guard] of Object.entries(start.guards)) {
    // The adapter of this machine loaded the facts its start guards read.
    if (!guard(plan.guardFacts as never)) throw new GuardRefusedError(name, definition.guardReason({ name }, plan.guardFacts));
  }
}

export function actorOf(me: Principal) {
  return { userId: me.userId, role: me.role, organisationId: me.organisationId };
}
