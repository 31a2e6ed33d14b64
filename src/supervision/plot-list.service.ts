import { Inject, Injectable } from '@nestjs/common';
import type ExcelJS from 'exceljs';
import { excel } from '../common/lazy-libraries';
import { PassThrough, type Readable } from 'node:stream';
import { plotStateLabel } from '../../workflows';
import type { Principal } from '../auth/principal';
import { CalendarService } from '../calendar/calendar.service';
import { AppClock, CLOCK } from '../clock/clock';
import { DEADLINE_LABELS } from '../deadlines/deadline-rules';
import { daysLeftOf } from './days-left';
import { PlotListRepository, type PlotListFilter } from './plot-list.repository';
import { STAGE_LABELS } from './supervision-reference';

const BATCH = 500;
/** An export holds at most this many plots (the registry's 100k fit). */
const MAX_ROWS = 200_000;

const COLUMNS: Array<{ header: string; width: number }> = [
  { header: '地块编码', width: 18 }, { header: '地块名称', width: 28 }, { header: '行政区', width: 12 }, { header: '地址', width: 30 },
  { header: '阶段', width: 16 }, { header: '状态', width: 24 }, { header: '土地使用权人', width: 24 }, { header: '面积（平方米）', width: 14 },
  { header: '最近期限', width: 30 }, { header: '期限日期', width: 12 }, { header: '剩余天数（负数为逾期）', width: 14 }, { header: '剩余时间', width: 20 }, { header: '更新时间', width: 20 },
];

/** The plot list's statistics by stage and its export to Excel for the bureaus (issue 22 point 5). */
@Injectable()
export class PlotListService {
  constructor(
    private readonly repo: PlotListRepository,
    @Inject(CLOCK) private readonly clock: AppClock,
    private readonly calendars: CalendarService,
  ) {}

  async stages(me: Principal, f: { jurisdiction?: string; overdue?: boolean }) {
    const counts = await this.repo.stageCounts(me, { ...f, today: this.clock.today() });
    const by = new Map(counts.map((c) => [c.stage, c.count]));
    const items = Object.keys(STAGE_LABELS).filter((k) => k !== 'keyUnit').map((stage) => ({ stage, label: STAGE_LABELS[stage], count: by.get(stage) ?? 0 }));
    return { total: items.reduce((n, i) => n + i.count, 0), items };
  }

  /** The filtered list as an .xlsx workbook, written to the stream batch by batch as the rows are read. */
  export(me: Principal, f: Omit<PlotListFilter, 'today'>): Readable {
    const today = this.clock.today();
    const out = new PassThrough();
    const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useSharedStrings: false, useStyles: true });
    wb.created = this.clock.now();
    const sheet = wb.addWorksheet('地块清单');
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    void (async () => {
      const calendar = await this.calendars.calendar();
      let after = '';
      let written = 0;
      for (;;) {
        const rows = await this.repo.batchAfter(me, { ...f, today }, after, BATCH);
        for (const r of rows) {
          // Days left in calendar days for sorting in Excel; told in working days where the duty's time is set in them.
          const left = r.nearestDue && r.nearestKind ? daysLeftOf(r.nearestKind, r.nearestDue, today, calendar) : null;
          sheet.addRow([
            r.code, r.name, r.jurisdictionName, r.address, STAGE_LABELS[r.state.split('.')[0]] ?? '', plotStateLabel(r.state), r.holderName,
            Number(r.areaM2), r.nearestKind ? DEADLINE_LABELS[r.nearestKind] : '', r.nearestDue ?? '', left?.daysLeft ?? '', left?.daysText ?? '',
            new Date(r.updatedAt).toISOString().replace('T', ' ').slice(0, 19),
          ]).commit();
        }
        written += rows.length;
        if (rows.length < BATCH || written >= MAX_ROWS) break;
        after = rows[rows.length - 1].code;
      }
      sheet.commit();
      await wb.commit();
    })().catch((e) => out.destroy(e as Error));
    return out;
  }
}
