import type { INestApplication } from '@nestjs/common';
import { pdfDocument } from '../common/lazy-libraries';
import { FONT, registerCjkFonts } from '../../templates/fonts';
import { AppClock, CLOCK } from '../clock/clock';
import { loadScreeningTable } from '../evidence/gb36600';
import type { Principal } from '../auth/principal';
import { DirectoryRepository } from '../organisations/directory.repository';
import { PlotsService } from '../plots/plots.service';
import { ReportsService } from '../reports/reports.service';
import { UploadStaging } from '../reports/upload-staging';

/** A short Chinese PDF standing in for a consultant's report in the demo data. */
function demoPdf(title: string): Promise<Buffer> {
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

const CSV_HEADER = 'sample_id,x,y,depth_m,analyte,value,unit,detection_limit';
// GB 36600-2018 Table 1: a preliminary investigation samples all 45 basic items.
const BASIC_ITEMS = loadScreeningTable().items.filter((i) => i.basic);

/** A sample file: the results given, and every other basic item not detected (ND) in sample S00. */
function csv(rows: Array<[string, number | string]>): Buffer {
  const lines = rows.map(([analyte, value], i) => `S${String(i + 1).padStart(2, '0')},113.29${i},34.80${i},0.5,${analyte},${value},mg/kg,0.01`);
  const given = new Set(rows.map(([analyte]) => analyte));
  const rest = BASIC_ITEMS.filter((i) => !given.has(i.nameZh)).map((i) => `S00,113.2900,34.8000,0.5,"${i.nameZh}",ND,mg/kg,0.01`);
  return Buffer.from([CSV_HEADER, ...lines, ...rest].join('\n') + '\n');
}
const CONTAMINATED = csv([['砷', 86], ['铅', 460], ['镉', 3.1], ['汞', 'ND']]);
const CLEAN = csv([['砷', 9.8], ['铅', 52], ['镉', 0.3], ['汞', 'ND']]);

interface Actors {
  as(username: string): Principal;
  org(name: string): string;
  user(username: string): string;
}

type Ctx = { app: INestApplication; a: Actors; plots: PlotsService; reports: ReportsService; staging: UploadStaging; clock: AppClock };

async function event(c: Ctx, username: string, plotId: string, body: Record<string, unknown>) {
  return c.plots.sendEvent(c.a.as(username), plotId, body);
}

async function report(c: Ctx, username: string, plotId: string, kind: string, conclusion: object, samples?: Buffer) {
  const file = await demoPdf(`${kind} — 演示报告`);
  const r = await c.reports.upload(c.a.as(username), plotId, {
    kind,
    conclusion: JSON.stringify(conclusion),
    file: await c.staging.fromBuffer(file),
    samples: samples ? await c.staging.fromBuffer(samples) : undefined,
  });
  return r.id;
}

async function register(c: Ctx, code: string, name: string, holder: string, extra: Record<string, unknown> = {}) {
  const areaM2 = 18000 + Number(code.slice(-2)) * 1000;
  const p = await c.plots.register(c.a.as('eeb'), {
    code,
    name,
    address: `郑州市上街区${name.slice(0, 4)}路 ${code.slice(-2)} 号`,
    jurisdiction: '410106',
    areaM2,
    formerIndustry: holder === 'holder' ? '铝冶炼' : '碳素制品制造',
    currentUse: '工业用地（停产）',
    plannedUse: '住宅',
    holderOrganisationId: c.a.org(holder),
    boundary: demoBoundary(Number(code.slice(-2)), areaM2),
    ...extra,
  } as never);
  return p.id;
}

/**
 * The demo plot numbered `n`'s own square near 113.29°E 34.80°N (上街区), of its declared area on turf's sphere,
 * on a grid of three columns about 270 m apart, so that no two demo plots overlap (一张图).
 */
function demoBoundary(n: number, areaM2: number) {
  const metresPerDegree = (6371008.8 * Math.PI) / 180;
  const [col, row] = [(n - 1) % 3, Math.floor((n - 1) / 3)];
  const [lon0, lat0] = [113.29 + col * 0.003, 34.8 + row * 0.0025];
  const side = Math.sqrt(areaM2);
  const dLat = side / metresPerDegree;
  const dLon = side / (metresPerDegree * Math.cos(((lat0 + dLat / 2) * Math.PI) / 180));
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const [w, s, e, nn] = [r(lon0), r(lat0), r(lon0 + dLon), r(lat0 + dLat)];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, nn], [w, nn], [w, s]]] };
}

/** 环办土壤〔2019〕63号: the organising bureau's expert panel, its opinions (expert1 gives its own) and 通过. */
async function expertPanel(c: Ctx, bureau: string, plotId: string) {
  await event(c, bureau, plotId, {
    type: 'FORM_PANEL',
    experts: [
      { name: '钱研究员', organisationId: c.a.org('institute'), title: '研究员', userId: c.a.user('expert1') },
      { name: '何高工', organisationId: c.a.org('institute'), title: '高级工程师' },
      { name: '林教授', organisationId: c.a.org('university'), title: '教授' },
    ],
  });
  await event(c, 'expert1', plotId, { type: 'RECORD_EXPERT_OPINION', expertIndex: 0, opinion: '报告内容完整，结论可信，同意通过' });
  await event(c, bureau, plotId, { type: 'RECORD_EXPERT_OPINION', expertIndex: 1, opinion: '同意，建议补充地下水监测井' });
  await event(c, bureau, plotId, { type: 'RECORD_EXPERT_OPINION', expertIndex: 2, opinion: '同意' });
  await event(c, bureau, plotId, { type: 'CONCLUDE_PANEL', conclusion: 'pass', summary: '专家组一致同意通过' });
}

/**
 * Investigation through the district's reviews, the risk assessment forwarded to and decided by the province, to the
 * register (plot-lifecycle v2), as a plot with contaminated samples goes.
 */
async function toListed(c: Ctx, plotId: string, holder: string) {
  await event(c, 'eeb', plotId, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: inMonths(c.clock.today(), 3) });
  await event(c, holder, plotId, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant'), work: 'investigation' });
  await event(c, holder, plotId, { type: 'START_INVESTIGATION' });
  let r = await report(c, 'consultant', plotId, 'preliminary_investigation', { summary: '砷、铅超过第一类用地筛选值' }, CONTAMINATED);
  await event(c, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: r });
  await expertPanel(c, 'eeb', plotId);
  await event(c, 'eeb', plotId, { type: 'APPROVE', opinion: '同意，开展详细调查' });
  await event(c, 'land', plotId, { type: 'APPROVE', opinion: '同意' });
  r = await report(c, 'consultant', plotId, 'detailed_investigation', { summary: '污染范围约 6000 平方米' }, CONTAMINATED);
  await event(c, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: r });
  await expertPanel(c, 'eeb', plotId);
  await event(c, 'eeb', plotId, { type: 'APPROVE', opinion: '同意' });
  await event(c, 'land', plotId, { type: 'APPROVE', opinion: '同意' });
  await toRiskAssessmentReview(c, plotId, holder);
  await event(c, 'eeb', plotId, { type: 'FORWARD', note: '报送河南省生态环境厅评审' });
  await expertPanel(c, 'eeb-prov', plotId);
  await event(c, 'eeb-prov', plotId, { type: 'APPROVE', opinion: '风险不可接受，纳入名录' });
  await event(c, 'land-prov', plotId, { type: 'APPROVE', opinion: '同意纳入名录' });
}

async function toRiskAssessmentReview(c: Ctx, plotId: string, holder: string) {
  await event(c, holder, plotId, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant'), work: 'riskAssessment' });
  const r = await report(c, 'consultant', plotId, 'risk_assessment', { riskAcceptable: false, pollutants: ['砷', '铅'] });
  await event(c, 'consultant', plotId, { type: 'SUBMIT_REPORT', reportId: r });
}

/** The same day `months` later (the notice's due date). */
function inMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Runs `work` with the app's clock `days` before now: the law's periods (two months of disclosure, the publicity) have passed. */
async function daysAgo<T>(c: Ctx, days: number, work: () => Promise<T>): Promise<T> {
  const before = c.clock.current();
  c.clock.use({ now: () => new Date(before.now().getTime() - days * 86_400_000) });
  try {
    return await work();
  } finally {
    c.clock.use(before);
  }
}

async function toWorks(c: Ctx, plotId: string, holder: string, rank: number) {
  await event(c, 'land', plotId, { type: 'SET_PRIORITY', rank, negativeList: ['住宅', '公共管理与公共服务用地', '教育用地'] });
  const plan = await report(c, holder, plotId, 'remediation_plan', { technology: '异位固化稳定化', targets: '砷 ≤ 20 mg/kg，铅 ≤ 400 mg/kg', volumeM3: 9000, plannedDuration: '2026 年 12 月至 2027 年 6 月', offSiteTransport: true });
  await event(c, holder, plotId, { type: 'FILE_REMEDIATION_PLAN', reportId: plan });
  await event(c, 'eeb', plotId, { type: 'ACKNOWLEDGE_FILING' });
  await event(c, holder, plotId, {
    type: 'START_WORKS',
    noticeBoard: { project: '原电解车间地块土壤修复工程', contractorOrganisationId: c.a.org('contractor'), measures: '异位固化稳定化，密闭大棚作业，出场车辆冲洗', contact: '0371-6890 0000', startDate: '2026-12-10', endDate: '2027-06-30' },
  });
}

/**
 * A handful of demo plots in different stages (README, demo logins), driven through the
 * same services and statechart as real work, so each has its audit trail and documents.
 */
export async function seedDemoPlots(app: INestApplication, users: Record<string, string>, organisations: Record<string, string>) {
  const directory = app.get(DirectoryRepository);
  const principals = new Map<string, Principal>();
  for (const [username, id] of Object.entries(users)) {
    const p = await directory.findPrincipal(id, 0);
    if (p) principals.set(username, p);
  }
  const c: Ctx = {
    app,
    a: { as: (u) => principals.get(u)!, org: (k) => organisations[k], user: (u) => users[u] },
    plots: app.get(PlotsService),
    reports: app.get(ReportsService),
    staging: app.get(UploadStaging),
    clock: app.get<AppClock>(CLOCK),
  };
  // Released: the whole path, its steps 90 days ago so that the law's periods have passed by now.
  const released = await daysAgo(c, 90, async () => {
    const id = await register(c, 'SJ-2026-001', '原某铝厂电解车间地块', 'holder');
    await toListed(c, id, 'holder');
    await toWorks(c, id, 'holder', 2);
    await event(c, 'holder', id, { type: 'COMPLETE_WORKS' });
    await event(c, 'holder', id, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant2'), work: 'effectEvaluation' });
    const ev = await report(c, 'consultant2', id, 'effect_evaluation', { targetsAchieved: true, permittedLandClass: 1, summary: '达到修复目标' }, CLEAN);
    await event(c, 'consultant2', id, { type: 'SUBMIT_REPORT', reportId: ev });
    await expertPanel(c, 'eeb', id);
    await event(c, 'eeb', id, { type: 'APPROVE', opinion: '达到修复目标' });
    await event(c, 'holder', id, { type: 'RECORD_DISCLOSURE', work: 'effectEvaluation', publishedOn: c.clock.today(), place: '某铝业有限公司网站“信息公开”栏目' });
    return id;
  });
  await daysAgo(c, 20, async () => {
    await event(c, 'holder', released, { type: 'APPLY_REMOVAL' });
    await event(c, 'eeb', released, { type: 'FORWARD', note: '报送河南省生态环境厅审查' });
    await event(c, 'eeb-prov', released, { type: 'APPROVE', opinion: '同意移出' });
    await event(c, 'land-prov', released, { type: 'APPROVE', opinion: '准予按第一类用地开发利用' });
  });
  await event(c, 'eeb-prov', released, { type: 'END_PUBLICITY' });
  // 后期管理 (土壤法第四十二条): groundwater monitoring and a restriction on use, until fulfilled.
  await event(c, 'eeb', released, { type: 'ADD_AFTERCARE', kind: 'monitoring', description: '地下水长期监测，每半年一次，连续两年', dueOn: inMonths(c.clock.today(), 6) });
  await event(c, 'eeb', released, {
    type: 'ADD_AFTERCARE', kind: 'institutionalControl', description: '供地条件中载明禁止开采浅层地下水', dueOn: inMonths(c.clock.today(), 12), restriction: '禁止开采浅层地下水',
  });
  // In remediation works (soil transport can be reported).
  const works = await register(c, 'SJ-2026-002', '原某铝厂氧化铝车间地块', 'holder');
  await toListed(c, works, 'holder');
  await toWorks(c, works, 'holder', 1);
  // On the register, awaiting the priority decision.
  const listed = await register(c, 'SJ-2026-003', '某碳素厂焙烧车间地块', 'holder2');
  await toListed(c, listed, 'holder2');
  // Preliminary investigation under review: the expert panel passed it, the eeb approved, land pending.
  const review = await register(c, 'SJ-2026-004', '某碳素厂原料堆场地块', 'holder2');
  await event(c, 'holder2', review, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant'), work: 'investigation' });
  await event(c, 'holder2', review, { type: 'START_INVESTIGATION' });
  const pre = await report(c, 'consultant', review, 'preliminary_investigation', { summary: '未超过筛选值' }, CLEAN);
  await event(c, 'consultant', review, { type: 'SUBMIT_REPORT', reportId: pre });
  await expertPanel(c, 'eeb', review);
  await event(c, 'eeb', review, { type: 'APPROVE', opinion: '同意' });
  // A risk assessment forwarded to the province, awaiting its expert review.
  const atProvince = await register(c, 'SJ-2026-007', '某碳素厂成型车间地块', 'holder2');
  await event(c, 'holder2', atProvince, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant'), work: 'investigation' });
  await event(c, 'holder2', atProvince, { type: 'START_INVESTIGATION' });
  let r = await report(c, 'consultant', atProvince, 'preliminary_investigation', { summary: '多环芳烃、砷超过筛选值' }, CONTAMINATED);
  await event(c, 'consultant', atProvince, { type: 'SUBMIT_REPORT', reportId: r });
  await expertPanel(c, 'eeb', atProvince);
  await event(c, 'eeb', atProvince, { type: 'APPROVE', opinion: '同意' });
  await event(c, 'land', atProvince, { type: 'APPROVE', opinion: '同意' });
  r = await report(c, 'consultant', atProvince, 'detailed_investigation', { summary: '污染范围约 3500 平方米' }, CONTAMINATED);
  await event(c, 'consultant', atProvince, { type: 'SUBMIT_REPORT', reportId: r });
  await expertPanel(c, 'eeb', atProvince);
  await event(c, 'eeb', atProvince, { type: 'APPROVE', opinion: '同意' });
  await event(c, 'land', atProvince, { type: 'APPROVE', opinion: '同意' });
  await toRiskAssessmentReview(c, atProvince, 'holder2');
  await event(c, 'eeb', atProvince, { type: 'FORWARD', note: '报送河南省生态环境厅评审' });
  // Cleared after a clean preliminary investigation.
  const cleared = await register(c, 'SJ-2026-005', '原某机修厂地块', 'holder', { plannedUse: '商业', plannedLandClass: 2, formerIndustry: '通用设备制造' });
  await event(c, 'holder', cleared, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant'), work: 'investigation' });
  await event(c, 'holder', cleared, { type: 'START_INVESTIGATION' });
  const ok = await report(c, 'consultant', cleared, 'preliminary_investigation', { summary: '未超过第二类用地筛选值' }, CLEAN);
  await event(c, 'consultant', cleared, { type: 'SUBMIT_REPORT', reportId: ok });
  await expertPanel(c, 'eeb', cleared);
  await event(c, 'eeb', cleared, { type: 'APPROVE', opinion: '同意' });
  await event(c, 'land', cleared, { type: 'APPROVE', opinion: '同意' });
  // 土壤法第五十九条第二款: a change of use to housing; the first, non-sampling stage found no possible source (HJ 25.1-2019).
  const changed = await register(c, 'SJ-2026-008', '原某物流仓库地块', 'holder2', { registrationReason: 'useChange', formerIndustry: '普通货物仓储（无生产工序）' });
  await event(c, 'holder2', changed, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant'), work: 'investigation' });
  await event(c, 'holder2', changed, { type: 'START_INVESTIGATION' });
  const firstStage = await report(c, 'consultant', changed, 'preliminary_investigation', { summary: '资料收集、现场踏勘和人员访谈未发现可能的污染源' });
  await event(c, 'consultant', changed, { type: 'SUBMIT_REPORT', reportId: firstStage, firstStageOnly: true });
  await expertPanel(c, 'eeb', changed);
  await event(c, 'eeb', changed, { type: 'APPROVE', opinion: '第一阶段调查未发现可能的污染源，调查结束' });
  await event(c, 'land', changed, { type: 'APPROVE', opinion: '同意' });
  // 土壤法第六十八条: the land was taken back from its polluter; the land bureau organises the investigation.
  const takenBack = await register(c, 'SJ-2026-009', '原某耐火材料厂地块', 'holder2', { formerIndustry: '耐火材料制品制造' });
  await event(c, 'land', takenBack, {
    type: 'TAKE_BACK', documentNumber: '上政土收〔2026〕12号', decidedOn: c.clock.today(), organiserOrganisationId: c.a.org('land'), formerHolderResponsible: true,
  });
  await event(c, 'land', takenBack, { type: 'ASSIGN_CONSULTANT', orgId: c.a.org('consultant'), work: 'investigation' });
  // Just registered, with an investigation notice.
  const suspected = await register(c, 'SJ-2026-006', '原某电镀厂地块', 'holder2', { formerIndustry: '金属表面处理及热处理加工' });
  await event(c, 'eeb', suspected, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: inMonths(c.clock.today(), 4) });
}
