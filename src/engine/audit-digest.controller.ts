import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { AuditDigestService } from './audit-digest.service';
import { AuditDigestQuery } from './dto/audit-digest.query';

@ApiTags('public')
@Controller()
export class AuditDigestController {
  constructor(private readonly digests: AuditDigestService) {}

  /**
   * The daily digest of the audit trail (no login): one keyed digest over the
   * head of every audit chain as of the end of a day. Whoever keeps a copy can
   * later hold the platform to it: GET /audit/verify recomputes each stored
   * day from the log, and a rewritten history no longer matches.
   */
  @Public()
  @Get('public/audit-digest')
  async digest(@Query() q: AuditDigestQuery) {
    if (!q.date) return { items: await this.digests.recent() };
    const found = await this.digests.of(q.date);
    if (!found) throw new NotFoundError(`${q.date} 的审计摘要尚未生成：每天的摘要在次日零时后生成，且只从启用摘要之日起才有`);
    return found;
  }
}
