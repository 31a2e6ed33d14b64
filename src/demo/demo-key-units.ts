import type { INestApplication } from '@nestjs/common';
import { pdfDocument } from '../common/lazy-libraries';
import { FONT, registerCjkFonts } from '../../templates/fonts';
import { AppClock, CLOCK } from '../clock/clock';
import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../common/credit-code';
import { KeyUnitsService } from '../key-units/key-units.service';
import { DirectoryRepository } from '../organisations/directory.repository';
import { discardStaged, UploadStaging } from '../reports/upload-staging';

/** A 统一社会信用代码 of an enterprise registered in 上街区 (91 410106), valid under GB 32100-2015, for a demo 本体代码. */
export function demoCreditCode(body8: string): string {
  const first17 = `91410106${body8}${organisationCodeCheckCharacter(body8)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export function demoPdf(title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new (pdfDocument())({ size: 'A4', info: { Title: title, CreationDate: new Date('2026-11-01T00:00:00Z') } });
    registerCjkFonts(doc);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT.bold).fontSize(18).text(title, { align: 'center' });
    doc.moveDown().font(FONT.regular).fontSize(11).text('（演示数据）本报告为系统演示用样例文件。');
    doc.end();
  });
}

// Soil on the site and groundwater beneath it (土壤法第二十一条第二款第三项), all below the 第二类用地 screening values.
const SELF_MONITORING = [
  'sample_id,x,y,depth_m,analyte,value,unit,detection_limit,medium',
  'T1,113.3052,34.8052,0.2,铅,120,mg/kg,0.1,soil',
  'T1,113.3052,34.8052,0.2,砷,12,mg/kg,0.1,soil',
  'T2,113.3058,34.8056,0.2,铅,95,mg/kg,0.1,soil',
  'W1,113.3055,34.8054,6,铅,0.002,mg/L,0.001,groundwater',
].join('\n') + '\n';

/**
 * One listed key unit (issue 18): 上街区某碳素有限公司, a 碳素 enterprise listed in March of the year before last, which
 * filed last year's self-monitoring (screened) but not the one of the year it was listed, nor its 有毒有害物质排放情况
 * reports — overdue on the district bureau's and the unit's to-do lists.
 */
export async function seedDemoKeyUnits(app: INestApplication, users: Record<string, string>, organisations: Record<string, string>): Promise<string | undefined> {
  const directory = app.get(DirectoryRepository);
  const eeb = await directory.findPrincipal(users.eeb, 0);
  const unitUser = await directory.findPrincipal(users.holder2, 0);
  if (!eeb || !unitUser) return undefined;
  const units = app.get(KeyUnitsService);
  const staging = app.get(UploadStaging);
  const lastYear = Number(app.get<AppClock>(CLOCK).today().slice(0, 4)) - 1;
  const unit = await units.list(eeb, {
    creditCode: demoCreditCode('MA45C8T2'),
    name: '上街区某碳素有限公司',
    industry: 'carbon',
    organisationId: organisations.holder2,
    address: '郑州市上街区工业路 8 号',
    siteBoundary: { type: 'Polygon', coordinates: [[[113.305, 34.805], [113.307, 34.805], [113.307, 34.807], [113.305, 34.807], [113.305, 34.805]]] },
    listedOn: `${lastYear - 1}-03-01`,
    reason: '碳素生产企业（上政文〔2017〕147号 三（一）1 所列重点行业），纳入重点监管单位名录',
  });
  const file = await staging.fromBuffer(await demoPdf(`${lastYear} 年度土壤和地下水自行监测报告（演示）`));
  const samples = await staging.fromBuffer(Buffer.from(SELF_MONITORING, 'utf8'));
  try {
    const report = await units.upload(unitUser, unit.id, { kind: 'key_unit_self_monitoring', conclusion: JSON.stringify({ period: `${lastYear} 年度` }), file, samples });
    await units.sendEvent(unitUser, unit.id, { type: 'FILE_DUTY_REPORT', duty: 'selfMonitoring', year: lastYear, reportId: report.id });
  } finally {
    await discardStaged(file, samples);
  }
  return unit.id;
}
