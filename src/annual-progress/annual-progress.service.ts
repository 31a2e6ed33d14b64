import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ForbiddenError, ValidationFailedError } from '../common/errors';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DocumentsService } from '../documents/documents.service';
import { annualFigures } from './annual-figures';

/** D14 年度工作进展报告: a jurisdiction's figures for a year, issued as a filing document. */
@Injectable()
export class AnnualReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly documents: DocumentsService,
    private readonly deadlines: DeadlinesService,
  ) {}

  /** The figures without issuing anything (both bureaus of the jurisdiction, admin). */
  async preview(me: Principal, year: number, code: string) {
    if (me.role !== 'admin' && !((me.role === 'eeb' || me.role === 'land') && me.jurisdictionCode === code)) {
      throw new ForbiddenError('只能查看本辖区的年度工作进展情况');
    }
    const jurisdiction = await this.jurisdiction(code);
    return { year, jurisdiction: code, details: await annualFigures(this.ds.manager, year, jurisdiction) };
  }

  /** Issues the D14 (the environment bureau of the jurisdiction) and closes the year's annual-report deadlines. */
  async issue(me: Principal, year: number, code: string) {
    if (me.role !== 'eeb' || me.jurisdictionCode !== code) throw new ForbiddenError('年度工作进展报告由本辖区生态环境主管部门出具');
    const jurisdiction = await this.jurisdiction(code);
    const details = await annualFigures(this.ds.manager, year, jurisdiction);
    const document = await this.documents.issueAnnualReport(me, { year, jurisdictionCode: code, details });
    const closed = await this.ds.transaction((em) => this.deadlines.closeAnnualReports(em, code, year));
    return { document, details, closedDeadlines: closed };
  }

  private async jurisdiction(code: string) {
    const [j] = await this.ds.query(`SELECT code, name FROM jurisdictions WHERE code = $1`, [code]);
    if (!j) throw new ValidationFailedError([{ field: 'jurisdiction', message: `行政区划 ${code} 不存在` }]);
    return { code: j.code as string, name: j.name as string };
  }
}
