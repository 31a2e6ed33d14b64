import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppClock, CLOCK } from '../clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { plotDeadlinePlan, transportDeadlinePlan, type DeadlineSettings } from './deadline-rules';
import { DeadlinesRepository, type DeadlineWrite } from './deadlines.repository';

/**
 * Which deadlines a plot's or transport's step opens and closes; the engine
 * writes them in the statement that appends the step's audit row.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: AppClock,
    private readonly deadlines: DeadlinesRepository,
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
  closeAnnualReports(em: EntityManager, jurisdictionCode: string, year: number, auditId: string | null = null): Promise<number> {
    return this.deadlines.closeAnnualReports(em, { jurisdictionCode, year, now: this.clock.now(), auditId });
  }
}
