import type { INestApplication } from '@nestjs/common';
import { AppClock, CLOCK } from '../clock/clock';
import { CampaignsService } from '../monitoring/campaigns.service';
import { PointsService } from '../monitoring/points.service';
import { DirectoryRepository } from '../organisations/directory.repository';
import { UploadStaging } from '../reports/upload-staging';
import { demoPdf } from './demo-key-units';

const HEADER = '点位编码,采样日期,介质,检测项目,检测值,单位,检出限,pH';

/** Cadmium of the farmland point over three campaigns: 0.5 mg/kg at pH 6.0 in the last one (GB 15618-2018 表1 其他 0.3). */
function resultsOf(year: number, index: number): string[] {
  const d = `${year}-05-15`;
  const cd = [0.22, 0.28, 0.5][index];
  const rows = [
    `SJ-JC-01,${d},土壤,镉,${cd},mg/kg,0.01,6.0`, `SJ-JC-01,${d},土壤,铅,${[31, 34, 33][index]},mg/kg,1,6.0`,
    `SJ-JC-02,${d},土壤,镉,${[0.18, 0.17, 0.19][index]},mg/kg,0.01,6.8`, `SJ-JC-02,${d},土壤,砷,${[11, 12, 11][index]},mg/kg,0.1,6.8`,
    `SJ-FX-01,${d},土壤,铜,${[62, 70, 78][index]},mg/kg,1,7.2`, `SJ-FX-01,${d},土壤,镉,0.2,mg/kg,0.01,7.2`,
    `SJ-QY-01,${d},土壤,铅,${[110, 120, 118][index]},mg/kg,1,`, `SJ-QY-01,${d},土壤,苯并[a]芘,ND,mg/kg,0.1,`,
    `SJ-SY-01,${d},地下水,砷,${[0.002, 0.002, 0.003][index]},mg/L,0.001,`,
  ];
  // 苗木基地 point: not sampled in the last campaign — overdue on the to-do.
  if (index < 2) rows.push(`SJ-FX-02,${d},土壤,镉,0.15,mg/kg,0.01,7.8`);
  return [HEADER, ...rows];
}

/**
 * The demo monitoring network of 上街区 (issue 20; 上政文〔2017〕147号 三（一）2): six points — farmland basic points, an
 * orchard and a nursery risk point, the demo key unit's surroundings and a drinking-water source — with three campaigns
 * over the last three years. The farmland point SJ-JC-01's cadmium 0.5 mg/kg at pH 6.0 raises a warning, the orchard's
 * copper rising over the three campaigns (62, 70, 78 mg/kg, below 150) another; the nursery
 * point was left out of this year's campaign and is overdue.
 */
export async function seedDemoMonitoring(app: INestApplication, users: Record<string, string>, unitId: string | undefined): Promise<void> {
  const eeb = await app.get(DirectoryRepository).findPrincipal(users.eeb, 0);
  if (!eeb) return;
  const points = app.get(PointsService);
  const campaigns = app.get(CampaignsService);
  const staging = app.get(UploadStaging);
  const year = Number(app.get<AppClock>(CLOCK).today().slice(0, 4));
  const first = `${year - 2}-05-01`;
  const base = { media: ['soil'], nextDueOn: first };
  const defs = [
    { code: 'SJ-JC-01', name: '峡窝镇耕地基础点位 1 号', kind: 'basic', lon: 113.262, lat: 34.793, land: 'farmland', crop: 'other' },
    { code: 'SJ-JC-02', name: '峡窝镇水田基础点位 2 号', kind: 'basic', lon: 113.271, lat: 34.788, land: 'farmland', crop: 'paddy' },
    { code: 'SJ-FX-01', name: '果园风险点位', kind: 'risk', lon: 113.281, lat: 34.797, land: 'farmland', crop: 'orchard' },
    { code: 'SJ-FX-02', name: '苗木种植基地风险点位', kind: 'risk', lon: 113.289, lat: 34.791, land: 'farmland', crop: 'other' },
    { code: 'SJ-QY-01', name: '上街区某碳素有限公司周边点位', kind: 'keyUnitSurroundings', lon: 113.3075, lat: 34.8062, land: 'construction', landClass: 2, ...(unitId ? { unitId } : {}) },
    { code: 'SJ-SY-01', name: '集中式饮用水水源地点位', kind: 'waterSource', lon: 113.296, lat: 34.781, land: 'groundwater', media: ['groundwater'] },
  ];
  for (const d of defs) await points.create(eeb, { ...base, ...d });
  for (let i = 0; i < 3; i++) {
    const y = year - 2 + i;
    const file = await staging.fromBuffer(await demoPdf(`${y} 年上街区土壤环境质量监测报告（演示）`));
    const samples = await staging.fromBuffer(Buffer.from(resultsOf(y, i).join('\n') + '\n', 'utf8'));
    await campaigns.upload(eeb, { name: `${y} 年上街区土壤环境质量监测`, year: String(y), file, samples });
  }
}
