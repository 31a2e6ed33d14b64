import type { D17Details, FilingRecordOf, ZoneMediumCode } from './filing-record';
import { chineseDate } from './format';
import { type Column, SIZE, closing, dataTable, factTable, opening, paragraph, plotFactTable } from './parts';

const LABEL_WIDTH = SIZE.table * 9; // 管控区域公告编号 on one line
const KIND = { monitoring: '长期监测', institutionalControl: '制度控制' } as const;
const MEDIUM: Record<ZoneMediumCode, string> = { soil: '土壤', groundwater: '地下水', surfaceWater: '地表水', air: '环境空气' };

type ZoneRow = Extract<D17Details, { variant: 'controlZone' }>['monitoring'][number];
const MONITORING_COLUMNS: Column<ZoneRow>[] = [
  { header: '监测要素', weight: 2, value: (m) => MEDIUM[m.medium] },
  { header: '监测周期', weight: 2, align: 'right', value: (m) => `每 ${m.intervalMonths} 个月` },
  { header: '首次监测报告期限', weight: 3, align: 'right', value: (m) => chineseDate(m.firstDueOn) },
];

function drawAftercare(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D17'>, d: Extract<D17Details, { variant: 'aftercare' }>) {
  const heading = opening(doc, record);
  paragraph(
    doc,
    `${record.plot.name}（地块编码 ${record.plot.code}）风险管控、修复活动完成后需要实施后期管理。依照《中华人民共和国土壤污染防治法》第四十二条第三款，` +
      `请${d.dutyBearer}按下列要求实施后期管理，并于期限前报送履行情况。`,
  );
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading(`后期管理要求（第 ${d.ordinal} 项）`);
  factTable(doc, [
    { label: '类别', value: KIND[d.obligation.kind] },
    { label: '要求', value: d.obligation.description },
    { label: '履行期限', value: chineseDate(d.obligation.dueOn) },
    { label: '用途限制', value: d.obligation.restriction ?? '无' },
    { label: '义务承担单位', value: d.dutyBearer },
  ], { labelWidth: LABEL_WIDTH });
  closing(doc, record, heading, {
    remark: d.obligation.kind === 'monitoring' ? '履行长期监测要求的，应报送监测报告。' : '用途限制在解除前，地块开发利用不得违反。',
  });
}

function drawControlZone(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D17'>, d: Extract<D17Details, { variant: 'controlZone' }>) {
  const heading = opening(doc, record);
  paragraph(
    doc,
    `${record.plot.name}（地块编码 ${record.plot.code}）列入建设用地土壤污染风险管控和修复名录，暂不开发利用，现划定为管控区域，` +
      `已设立警示标识，实施风险管控和定期监测，现予公告。管控区域内禁止开工建设任何与风险管控、修复无关的项目（土壤法第六十六条第三款）。`,
  );
  heading('地块基本信息');
  plotFactTable(doc, record);
  heading('管控区域');
  factTable(doc, [
    { label: '管控区域公告编号', value: d.noticeNumber },
    { label: '警示标识设立日期', value: chineseDate(d.signsPostedOn) },
    { label: '管控责任单位', value: d.dutyBearer },
  ], { labelWidth: LABEL_WIDTH });
  heading('定期监测');
  dataTable(doc, MONITORING_COLUMNS, d.monitoring, { emptyText: '无' });
  closing(doc, record, heading, { remark: '如发现管控区域内擅自施工、扰动土壤或警示标识损毁，请向本局反映。' });
}

// D17 后期管理要求 (土壤法第四十二条第三款) / 管控区域公告 (暂不开发利用地块, a public notice).
export function drawAftercareOrControlZone(doc: PDFKit.PDFDocument, record: FilingRecordOf<'D17'>): void {
  const d = record.details;
  if (d.variant === 'aftercare') drawAftercare(doc, record, d);
  else drawControlZone(doc, record, d);
}
