import { Injectable } from '@nestjs/common';
import type ExcelJS from 'exceljs';
import { excel } from '../common/lazy-libraries';
import { PassThrough, type Readable } from 'node:stream';
import { plotStateLabel } from '../../workflows';
import type { Principal } from '../auth/principal';
import { ScreeningService } from '../screening/screening.service';
import { loadPriorityModel } from './priority-model';
import { byPriority, registerEntries, type RegisterEntry } from './register-entries';
import { RegistersRepository } from './registers.repository';

const BATCH = 500;
/** How many listed plots one read scores: whole jurisdictions (ranks are per jurisdiction) up to about this many. */
const LISTED_BATCH = 2000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const date = (at: string | Date | null) => (at ? new Date(at).toISOString().slice(0, 10) : '');

/** 风险管控和修复名录: the columns of the published register (public/register, 名录公示), in its order. */
export const LISTED_COLUMNS: Array<{ header: string; width: number; value: (e: RegisterEntry) => string | number }> = [
  { header: '编码', width: 18, value: (e) => e.code },
  { header: '名称', width: 30, value: (e) => e.name },
  { header: '行政区', width: 14, value: (e) => e.jurisdictionName },
  { header: '阶段', width: 22, value: (e) => e.stateLabel },
  { header: '主要污染物', width: 24, value: (e) => e.pollutants.join('、') },
  { header: '优先次序', width: 10, value: (e) => (e.rank ? `第 ${e.rank} 位` : '—') },
  { header: '开发利用负面清单', width: 30, value: (e) => e.negativeList.join('、') },
  { header: '纳入日期', width: 12, value: (e) => date(e.listedAt) },
];

/** 疑似污染地块名单 (42号令): plots registered as suspected and not yet found polluted or clear. */
export const SUSPECTED_COLUMNS = ['编码', '名称', '行政区', '地址', '阶段', '土地使用权人', '占地面积（平方米）', '登记日期'];
const SUSPECTED_WIDTHS = [18, 30, 14, 34, 22, 28, 16, 12];

/** The caller's part of the registers: an administrator all (null), a bureau its jurisdiction's subtree, others none (''). */
function within(me: Principal): string | null {
  return me.role === 'admin' ? null : (me.jurisdictionCode ?? '');
}

/**
 * The registers as Excel workbooks for the bureaus (issue 22 point 9), streamed: rows are read in batches and
 * each row is committed to the stream as it is written, so a province's register never sits in memory whole.
 */
@Injectable()
export class RegisterExportService {
  private readonly model = loadPriorityModel();

  constructor(private readonly registers: RegistersRepository, private readonly screening: ScreeningService) {}

  /** 建设用地土壤污染风险管控和修复名录, by jurisdiction then priority, as the public reads it. */
  listed(me: Principal): Readable {
    return workbook('风险管控和修复名录', LISTED_COLUMNS.map((c) => ({ header: c.header, width: c.width })), async (add) => {
      const scope = within(me);
      if (scope === '') return;
      const counts = await this.registers.listedCountsWithin(scope);
      for (const group of jurisdictionGroups(counts)) {
        const rows = await this.registers.listed(group, null);
        const entries = registerEntries(rows, await this.screening.exceedances(rows), this.model);
        entries.sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction) || byPriority(a, b));
        for (const e of entries) add(LISTED_COLUMNS.map((c) => c.value(e)));
      }
    });
  }

  /** 疑似污染地块名单, by plot code. */
  suspected(me: Principal): Readable {
    const columns = SUSPECTED_COLUMNS.map((header, i) => ({ header, width: SUSPECTED_WIDTHS[i] }));
    return workbook('疑似污染地块名单', columns, async (add) => {
      const scope = within(me);
      if (scope === '') return;
      let after = '';
      for (;;) {
        const rows = await this.registers.suspectedAfter(scope, after, BATCH);
        for (const r of rows) {
          add([r.code, r.name, r.jurisdictionName, r.address, plotStateLabel(r.state), r.holderOrganisationName, Number(r.areaM2), date(r.createdAt)]);
        }
        if (rows.length < BATCH) return;
        after = rows[rows.length - 1].code;
      }
    });
  }
}

/** Consecutive jurisdictions whose plots add up to about LISTED_BATCH (one jurisdiction may exceed it alone). */
export function jurisdictionGroups(counts: Array<{ code: string; n: number }>): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const c of counts) {
    if (current.length && size + c.n > LISTED_BATCH) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(c.code);
    size += c.n;
  }
  if (current.length) groups.push(current);
  return groups;
}

function workbook(
  name: string, columns: Array<{ header: string; width: number }>,
  fill: (add: (values: Array<string | number>) => void) => Promise<void>,
): Readable {
  const out = new PassThrough();
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = wb.addWorksheet(name);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    await fill((values) => sheet.addRow(values).commit());
    sheet.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e as Error));
  return out;
}
