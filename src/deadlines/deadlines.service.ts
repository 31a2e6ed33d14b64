import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppClock, CLOCK } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { plotDeadlinePlan, transportDeadlinePlan, type DeadlineSettings } from './deadline-rules';
import type { DeadlineWrite } from './deadlines.repository';

/**
 * Which deadlines a plot's or transport's step opens and closes; the engine
 * writes them in the statement that appends the step's audit row.
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

  /** The deadlines a plot's step opens and closes, or nothing. */
  forPlotStep(plotId: string, step: { from: string; to: string }, event: Record<string, unknown>): DeadlineWrite | undefined {
    const plan = plotDeadlinePlan({ type: String(event.type), from: step.from, to: step.to, event }, this.settings());
    if (!plan.open.length && !plan.close.length) return undefined;
    return { target: { plotId, transportId: null }, plan, now: this.clock.now() };
  }

  /** The deadlines a transport's step opens and closes, or nothing. */
  forTransportStep(
    transport: { id: string; plotId: string },
    step: { from: string; to: string },
    event: Record<string, unknown>,
  ): DeadlineWrite | undefined {
    const plan = transportDeadlinePlan({ type: String(event.type), from: step.from, to: step.to, event });
    if (!plan.open.length && !plan.close.length) return undefined;
    return { target: { plotId: transport.plotId, transportId: transport.id }, plan, now: this.clock.now() };
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
