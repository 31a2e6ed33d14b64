import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Principal } from '../auth/principal';
import { AppClock, CLOCK } from '../clock/clock';
import { NotFoundError, ValidationFailedError } from '../common/errors';
import { sampleFileFormat } from '../evidence/sample-file';
import { bboxOf } from '../map/plot-geometry';
import { Transactions } from '../database/transactions';
import { PlotsRepository } from '../plots/plots.repository';
import { loadLandUseTable } from '../registers/land-use';
import type { UploadListDto } from './dto/upload-list.dto';
import type { ListListsQuery, ListProposalsQuery } from './dto/list-proposals.query';
import { assertDistrictBureau } from './district-bureau.guard';
import { importList } from './list-import';
import { ListRowsRefusedError } from './list-errors';
import type { StagedUpload } from './list-upload.interceptor';
import { matchingPlots } from './plot-matching';
import { loadProposalReference, type ListSource } from './proposal-reference';
import { toListResponse, toProposalResponse } from './proposal-view';
import { ProposalsRepository, type NewProposal } from './proposals.repository';
import { isLateLandList } from './quarter';

/** Which list a bureau hands in: the 工信 bureau's closures, relocations and bankruptcies, the land bureau's quarter. */
const SOURCE_OF: Partial<Record<Principal['role'], ListSource>> = { miit: 'miit_closures', land: 'land_quarterly' };

/** The lists of the 工信 and 自然资源 bureaus (issue 18) and the suspected plots they propose. */
@Injectable()
export class ProposalsService {
  readonly ref = loadProposalReference();
  private readonly landUses = loadLandUseTable();

  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: ProposalsRepository,
    private readonly plots: PlotsRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /**
   * A list handed in: every row checked (nothing kept when one is bad), each matched against the registered plots by
   * code and boundary, then the list and its rows written in one transaction. A land list past its due day is kept
   * and marked late.
   */
  async upload(me: Principal, file: StagedUpload | undefined, fields: UploadListDto) {
    assertDistrictBureau(me);
    const source = SOURCE_OF[me.role];
    if (!source) throw new ValidationFailedError([{ field: 'file', message: '只有工业和信息化部门、自然资源部门可提交清单' }]);
    const quarter = this.quarterOf(source, fields.quarter);
    if (!file) throw new ValidationFailedError([{ field: 'file', message: '缺少清单文件（字段 file，CSV 或 .xlsx）' }]);
    const fileName = await this.checkName(file);
    const read = await importList(file.path, { source, ref: this.ref, landUses: this.landUses });
    if (read.errors.length > 0) throw new ListRowsRefusedError(read.errors);
    const rows: NewProposal[] = [];
    for (const r of read.rows) {
      const [match] = await matchingPlots(this.plots, this.transactions.outside, me, { code: r.parcelCode, boundary: r.boundary });
      rows.push({ ...r, id: randomUUID(), bbox: r.boundary ? bboxOf(r.boundary) : null, matchedPlotId: match?.id ?? null });
    }
    const list = {
      id: randomUUID(), source, jurisdictionCode: me.jurisdictionCode!, quarter,
      late: quarter !== null && isLateLandList(quarter, this.ref.landListDueDay.day, this.clock.today()),
      fileName, sha256: file.sha256, rowCount: rows.length, uploadedBy: me.userId, organisationId: me.organisationId,
    };
    await this.transactions.run(async (em) => {
      await this.proposals.insertList(em, list);
      await this.proposals.insertProposals(em, list.id, list.jurisdictionCode, rows);
    });
    return { ...toListResponse(this.ref, list), matched: rows.filter((r) => r.matchedPlotId).length };
  }

  async list(me: Principal, q: ListProposalsQuery) {
    const { items, total } = await this.proposals.list(me, q);
    return { items: items.map((r) => toProposalResponse(this.ref, me, r)), total, page: q.page, pageSize: q.pageSize };
  }

  async get(me: Principal, id: string) {
    const row = await this.proposals.findVisible(me, id);
    if (!row) throw new NotFoundError('疑似地块线索不存在或无权查看');
    return toProposalResponse(this.ref, me, row);
  }

  async lists(me: Principal, q: ListListsQuery) {
    const { items, total } = await this.proposals.lists(me, q.page, q.pageSize);
    return { items: items.map((l) => toListResponse(this.ref, l)), total, page: q.page, pageSize: q.pageSize };
  }

  private quarterOf(source: ListSource, quarter: string | undefined): string | null {
    if (source === 'land_quarterly' && !quarter) throw new ValidationFailedError([{ field: 'quarter', message: '自然资源部门的季度清单须填写季度，如 2026Q4' }]);
    if (source === 'miit_closures' && quarter) throw new ValidationFailedError([{ field: 'quarter', message: '工业和信息化部门的清单不填写季度' }]);
    return quarter ?? null;
  }

  /** The name says .csv or .xlsx and the content agrees (an .xlsx is a zip); the name is kept without any path. */
  private async checkName(file: StagedUpload): Promise<string> {
    const name = basename(file.originalname.replace(/\\/g, '/')).trim();
    const ext = /\.(csv|xlsx)$/i.exec(name)?.[1]?.toLowerCase();
    if (!ext || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) {
      throw new ValidationFailedError([{ field: 'file', message: '文件名应以 .csv 或 .xlsx 结尾，且不超过 200 个字符' }]);
    }
    if ((await sampleFileFormat(file.path)) !== ext) {
      throw new ValidationFailedError([{ field: 'file', message: ext === 'xlsx' ? '文件名为 .xlsx，但内容不是 Excel 工作簿' : '文件名为 .csv，但内容是 Excel 工作簿，请改名为 .xlsx' }]);
    }
    return name;
  }
}
