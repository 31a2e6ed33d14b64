import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppClock, CLOCK } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Step } from '../engine/workflow-entity';
import { plotDeadlinePlan, transportDeadlinePlan, type DeadlineSettings } from './deadline-rules';
import { applyDeadlinePlan } from './deadlines.repository';

/**
 * Opens and closes deadlines as plots and transports change state, inside the
 * transition's transaction (called from the workflow adapters' afterTransition).
 */
@Injectable()
export class DeadlinesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  settings(): DeadlineSettings {
    return { today: this.clock.today(), ...this.config.deadlines };
  }

  async afterPlotTransition(em: EntityManager, plotId: string, step: Step, event: Record<string, unknown>): Promise<void> {
    const plan = plotDeadlinePlan({ type: String(event.type), from: step.from, to: step.to, event }, this.settings());
    if (!plan.open.length && !plan.close.length) return;
    await applyDeadlinePlan(em, { plotId, transportId: null }, plan, step.auditId, this.clock.now());
  }

  async afterTransportTransition(
    em: EntityManager,
    transport: { id: string; plotId: string },
    step: Step,
    event: Record<string, unknown>,
  ): Promise<void> {
    const plan = transportDeadlinePlan({ type: String(event.type), from: step.from, to: step.to, event });
    if (!plan.open.length && !plan.close.length) return;
    await applyDeadlinePlan(em, { plotId: transport.plotId, transportId: transport.id }, plan, step.auditId, this.clock.now());
  }

  /** The D14 annual report satisfies the annual progress report of the jurisdiction's listed plots for that year. */
  async closeAnnualReports(em: EntityManager, jurisdictionCode: string, year: number, auditId: string | null = null): Promise<number> {
    const [, count] = await em.query(
      `UPDATE deadlines d SET status = 'done', closed_at = $3, closed_reason = 'reported', closed_audit_id = $4
         FROM plots p
        WHERE p.id = d.plot_id AND p.jurisdiction_code = $1 AND d.kind = 'annual_progress_report'
          AND extract(year FROM d.due_date) = $2 AND d.status <> 'done'`,
      [jurisdictionCode, year, this.clock.now(), auditId],
    );
    return count;
  }
}
