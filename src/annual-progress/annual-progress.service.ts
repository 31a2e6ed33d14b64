import { Injectable, Optional } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ForbiddenError, ValidationFailedError } from '../common/errors';
import { jurisdictionCovers } from '../common/jurisdiction';
import { Transactions } from '../database/transactions';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DocumentsService } from '../documents/documents.service';
import { IndicatorsService } from '../indicators/indicators.service';
import { safeUseLine } from '../indicators/safe-use-line';
import { MonitoringRepository } from '../monitoring/monitoring.repository';
import { DirectoryRepository } from '../organisations/directory.repository';
import { annualFigures } from './annual-figures';
import { AnnualFiguresRepository } from './annual-figures.repository';

/** D14 年度工作进展报告: a jurisdiction's figures for a year, issued as a filing document. */
@Injectable()
export class AnnualProgressService {
  constructor(
    private readonly transactions: Transactions,
    private readonly figures: AnnualFiguresRepository,
    private readonly directory: DirectoryRepository,
    private readonly documents: DocumentsService,
    private readonly deadlines: DeadlinesService,
    private readonly indicators: IndicatorsService,
    @Optional() private readonly monitoring?: MonitoringRepository,
  ) {}

  /** The figures without issuing anything (both bureaus of the jurisdiction and of those above it, DESIGN §1.1; admin). */
  async preview(me: Principal, year: number, code: string) {
    if (me.role !== 'admin' && !((me.role === 'eeb' || me.role === 'land') && jurisdictionCovers(me.jurisdictionCode, code))) {
      throw new ForbiddenError('只能查看本辖区的年度工作进展情况');
    }
    const jurisdiction = await this.jurisdiction(code);
    return { year, jurisdiction: code, details: await this.details(year, jurisdiction) };
  }

  /** Issues the D14 (the environment bureau of the jurisdiction) and closes the year's annual-report deadlines. */
  async issue(me: Principal, year: number, code: string) {
    if (me.role !== 'eeb' || me.jurisdictionCode !== code) throw new ForbiddenError('年度工作进展报告由本辖区生态环境主管部门出具');
    const jurisdiction = await this.jurisdiction(code);
    const details = await this.details(year, jurisdiction);
    const document = await this.documents.issueAnnualReport(me, { year, jurisdictionCode: code, details });
    const closed = await this.transactions.run((em) => this.deadlines.closeAnnualReports(em, code, year));
    return { document, details, closedDeadlines: closed };
  }

  private async details(year: number, jurisdiction: { code: string; name: string }) {
    const figures = await annualFigures(this.figures, year, jurisdiction);
    const monitoring = this.monitoring ? await this.monitoring.yearFigures(year, jurisdiction.code, `${year}-12-31`) : undefined;
    return { ...figures, safeUse: safeUseLine(await this.indicators.summary(year, jurisdiction.code)), ...(monitoring ? { monitoring } : {}) };
  }

  private async jurisdiction(code: string) {
    const j = await this.directory.findJurisdiction(code);
    if (!j) throw new ValidationFailedError([{ field: 'jurisdiction', message: `行政区划 ${code} 不存在` }]);
    return { code: j.code, name: j.name };
  }
}
