import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/principal';
import { ReadinessIndicators } from './health-indicators';

/** Liveness (the process answers) and readiness (it can serve: database, job queue, disk), public for probes. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.answer(res, () => this.health.check([]));
  }

  @Public()
  @Get('ready')
  @HealthCheck()
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.answer(res, () =>
      this.health.check([
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => this.readiness.jobQueue(),
        () => this.readiness.storage(),
      ]),
    );
  }

  /** A failed check is a 503 with terminus's own report (status, info, error, details), not the generic error body. */
  private async answer(res: Response, run: () => Promise<HealthCheckResult>): Promise<HealthCheckResult> {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return e.getResponse() as HealthCheckResult;
    }
  }
}
