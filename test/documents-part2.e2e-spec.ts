import { pdfPages, popplerOrSkip, squeeze } from '../templates/pdf-tools';
import { FilingService } from '../src/documents/filing.service';
import { describeEachDatabase } from './helpers/databases';
import type { TestApp } from './helpers/test-app';
import { startTestApp } from './helpers/test-app';
import { appDate, expertReview, fullLifecycle, runUntil, startJourney, type Journey } from './factories/lifecycle';
import { CLEAN, CONTAMINATED, send, upload } from './factories/plots';

/**
 * The filing documents of part 2 of the law over HTTP: each step issues its numbered document — D15 for 收回, 转让 and
 * the responsible party (土壤法第四十五条、第四十八条、第六十八条; 42号令), D16 for a reopening (第五十九条), D17 for
 * aftercare (第四十二条第三款) and for a control zone (a public notice), and D3 of a key unit's land copied to the
 * 不动产登记机构 (第六十七条).
 */

const haveText = popplerOrSkip();
interface Doc { id: string; kind: string; variant: string | null; number: string; title: string; issuer: string; published: boolean }

async function documents(t: TestApp, plotId: string): Promise<Doc[]> {
  await t.app.get(FilingService).drain();
  return (await t.http.get(`/plots/${plotId}/documents`).set(await t.as('eeb')).expect(200)).body;
}

const binary = (res: NodeJS.ReadableStream, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function pdfText(t: TestApp, id: string, as?: string): Promise<string> {
  const req = t.http.get(`/documents/${id}/pdf`);
  const res = await (as ? req.set(await t.as(as)) : req).buffer(true).parse(binary as never).expect(200);
  return haveText ? squeeze(pdfPages(res.body as Buffer).join('\n')) : '';
}

const expectText = (text: string, parts: string[]) => {
  if (!haveText) return;
  for (const p of parts) expect(text).toContain(squeeze(p));
};

/** The last document of a kind and variant issued for the plot. */
const last = (docs: Doc[], kind: string, variant: string | null) => docs.filter((d) => d.kind === kind && d.variant === variant).at(-1)!;

async function investigate(t: TestApp, j: Journey, firstStageOnly: boolean) {
  await send(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant, work: 'investigation' });
  await send(t, 'holder', j.plotId, { type: 'START_INVESTIGATION' });
  const r = await upload(t, 'consultant', j.plotId, 'preliminary_investigation', {}, firstStageOnly ? undefined : CONTAMINATED);
  await send(t, 'consultant', j.plotId, { type: 'SUBMIT_REPORT', reportId: r.id, ...(firstStageOnly ? { firstStageOnly: true } : {}) });
}

/** A change-of-use plot cleared at the first stage (HJ 25.1-2019): D4 of the preliminary review clears it. */
async function clearedPlot(t: TestApp): Promise<Journey> {
  const j = await startJourney(t, { registrationReason: 'useChange' });
  await investigate(t, j, true);
  for (const step of expertReview('eeb')) await step.run(t, j);
  await send(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '第一阶段调查未发现可能的污染源' });
  await send(t, 'land', j.plotId, { type: 'APPROVE', opinion: '同意' });
  return j;
}

describeEachDatabase('filing documents of part 2 of the law (土壤法第四十二条、第四十五条至第四十八条、第五十九条、第六十七条、第六十八条)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('土壤法第六十七条: the receipt (D3) of a key unit\'s investigation report is copied to the 不动产登记机构; a suspected plot\'s is not', async () => {
    const key = await startJourney(t, { registrationReason: 'keyUnitLand' });
    await investigate(t, key, false);
    const plain = await startJourney(t);
    await investigate(t, plain, false);
    const d3 = last(await documents(t, key.plotId), 'D3', 'keyUnitLand');
    expect(d3.number).toMatch(/^上环土备〔\d{4}〕\d{4}号$/);
    expectText(await pdfText(t, d3.id, 'holder'), ['抄送：郑州市上街区人民政府不动产登记机构。', '作为不动产登记资料送交', '第五十九条第三款、第六十七条']);
    const other = last(await documents(t, plain.plotId), 'D3', null);
    const text = await pdfText(t, other.id, 'holder');
    if (haveText) expect(text).not.toContain('抄送');
  });

  it('土壤法第六十八条: 收回 issues D15 under the land bureau, addressed to the organiser who now carries the duties, with a copy to the former holder; 第四十八条: the responsible party\'s D15 under the environment bureau', async () => {
    const org = t.demo.organisations;
    const j = await startJourney(t);
    await send(t, 'land', j.plotId, { type: 'TAKE_BACK', documentNumber: '上政土收〔2026〕3号', decidedOn: appDate(t), organiserOrganisationId: org.land, formerHolderResponsible: true });
    let docs = await documents(t, j.plotId);
    const taken = last(docs, 'D15', 'takeBack');
    expect(taken).toMatchObject({ title: '地块权利人及责任主体变更记录（收回）', issuer: '郑州市上街区自然资源局', published: false });
    expect(taken.number).toMatch(/^上资土权〔\d{4}〕\d{4}号$/);
    expectText(await pdfText(t, taken.id, 'land'), [
      '上政土收〔2026〕3号', '原土地使用权人上街区某铝业有限公司', '现土地使用权人郑州市上街区自然资源局', '主送：郑州市上街区自然资源局',
      '抄送：上街区某铝业有限公司，郑州市生态环境局上街分局。', '已认定：上街区某铝业有限公司', '调查义务承担单位郑州市上街区自然资源局',
      '由地方人民政府组织实施（土壤法第四十五条第二款、第六十八条）', '第四十五条、第四十八条、第六十八条', '签发人：',
    ]);
    // The former holder still sees the plot and reads the record copied to it.
    await pdfText(t, taken.id, 'holder');

    await send(t, 'eeb', j.plotId, { type: 'RECORD_RESPONSIBLE_PARTY', status: 'identified', organisationId: org.holder2, documentNumber: '上环认〔2026〕2号', decidedOn: appDate(t) });
    docs = await documents(t, j.plotId);
    const identified = last(docs, 'D15', 'responsibleParty');
    expect(identified).toMatchObject({ title: '地块权利人及责任主体变更记录（责任人认定）', issuer: '郑州市生态环境局上街分局' });
    expect(identified.number).toMatch(/^上环土权〔\d{4}〕\d{4}号$/);
    expectText(await pdfText(t, identified.id, 'eeb'), [
      '已认定：上街区某碳素有限公司（上环认〔2026〕2号', '管控修复义务承担单位上街区某碳素有限公司', '由土壤污染责任人实施（土壤法第四十五条第一款）',
      '主送：郑州市上街区自然资源局、上街区某碳素有限公司',
    ]);
  });

  it('42号令 (责任主体): 转让 issues D15 naming the contract, addressed to the transferee with a copy to the transferor', async () => {
    const org = t.demo.organisations;
    const j = await startJourney(t);
    await send(t, 'land', j.plotId, { type: 'TRANSFER', contractNumber: 'SJ-2026-017', transferredOn: appDate(t), transfereeOrganisationId: org.holder2 });
    const d15 = last(await documents(t, j.plotId), 'D15', 'transfer');
    expect(d15.title).toBe('地块权利人及责任主体变更记录（转让）');
    expectText(await pdfText(t, d15.id, 'holder2'), [
      '转让合同编号SJ-2026-017', '原土地使用权人上街区某铝业有限公司', '现土地使用权人上街区某碳素有限公司', '主送：上街区某碳素有限公司',
      '抄送：上街区某铝业有限公司，郑州市生态环境局上街分局。', '关于责任主体的规定',
    ]);
  });

  it('土壤法第五十九条: REOPEN issues D16 to the holder — for a change to 住宅 (第二款) or for new evidence (第一款) — naming the earlier decision it reopens', async () => {
    const change = await clearedPlot(t);
    const cleared = last(await documents(t, change.plotId), 'D4', 'approved');
    await send(t, 'eeb', change.plotId, { type: 'REOPEN', reason: 'useChange', plannedUse: '住宅', note: '控规调整为二类居住用地' });
    const d16 = last(await documents(t, change.plotId), 'D16', null);
    expect(d16).toMatchObject({ title: '重新启动土壤污染状况调查通知', issuer: '郑州市生态环境局上街分局' });
    expect(d16.number).toMatch(/^上环土启〔\d{4}〕\d{4}号$/);
    expectText(await pdfText(t, d16.id, 'holder'), [
      '用途拟变更为住宅', '第五十九条第二款', `经调查评审认定为非污染地块（${cleared.number}）`, '此前准予用地类别第一类用地',
      '主送：上街区某铝业有限公司', '抄送：郑州市上街区自然资源局。', '作为地块历史记录继续有效',
    ]);

    const evidence = await clearedPlot(t);
    const monitoring = await upload(t, 'holder', evidence.plotId, 'monitoring', {}, CONTAMINATED);
    await send(t, 'eeb', evidence.plotId, { type: 'REOPEN', reason: 'newEvidence', evidenceReportId: monitoring.id, note: '例行监测发现超标' });
    const second = last(await documents(t, evidence.plotId), 'D16', null);
    expectText(await pdfText(t, second.id, 'eeb'), ['发现新的污染证据', '超过筛选值', '例行监测发现超标', '定期监测报告']);
  });

  it('上政文〔2017〕147号 三（四）2 and 土壤法第四十二条第三款: a control zone issues its D17 public notice, readable without login; aftercare issues a D17 requirement to the duty bearer, not public', async () => {
    const org = t.demo.organisations;
    const j = await startJourney(t);
    await runUntil(t, j, fullLifecycle(t), 'FILE_REMEDIATION_PLAN');
    const plan = await upload(t, 'holder', j.plotId, 'control_plan', { technology: '暂不开发利用，划定管控区域' });
    await send(t, 'holder', j.plotId, { type: 'FILE_CONTROL_PLAN', reportId: plan.id });
    await send(t, 'eeb', j.plotId, {
      type: 'PLACE_UNDER_CONTROL_ZONE', noticeNumber: '上环告〔2026〕5号', signsPostedOn: appDate(t),
      monitoring: [{ medium: 'soil', intervalMonths: 12 }, { medium: 'groundwater', intervalMonths: 6 }],
    });
    const zone = last(await documents(t, j.plotId), 'D17', 'controlZone');
    expect(zone).toMatchObject({ title: '管控区域公告', published: true });
    expect(zone.number).toMatch(/^上环土管〔\d{4}〕\d{4}号$/);
    const notices = (await t.http.get('/public/notices').expect(200)).body.items as Array<{ number: string; kind: string; variant: string }>;
    expect(notices).toEqual(expect.arrayContaining([expect.objectContaining({ number: zone.number, kind: 'D17', variant: 'controlZone' })]));
    expectText(await pdfText(t, zone.id), [
      '管控区域公告编号上环告〔2026〕5号', '主送：社会公众、上街区某铝业有限公司', `土壤每12个月${chinese(appDate(t, 12))}`, `地下水每6个月${chinese(appDate(t, 6))}`,
      '第六十二条、第六十三条、第六十六条第三款',
    ]);

    const monitoring = await upload(t, 'holder', j.plotId, 'monitoring', {}, CLEAN);
    await send(t, 'holder', j.plotId, { type: 'SUBMIT_MONITORING_REPORT', reportId: monitoring.id });
    await send(t, 'holder', j.plotId, { type: 'REQUEST_EFFECT_EVALUATION' });
    await send(t, 'holder', j.plotId, { type: 'ASSIGN_CONSULTANT', orgId: org.consultant2, work: 'effectEvaluation' });
    const evaluation = await upload(t, 'consultant2', j.plotId, 'effect_evaluation', { targetsAchieved: true, permittedLandClass: 1 }, CLEAN);
    await send(t, 'consultant2', j.plotId, { type: 'SUBMIT_REPORT', reportId: evaluation.id });
    for (const step of expertReview('eeb')) await step.run(t, j);
    await send(t, 'eeb', j.plotId, { type: 'APPROVE', opinion: '达到风险管控目标' });
    await send(t, 'eeb', j.plotId, { type: 'ADD_AFTERCARE', kind: 'institutionalControl', description: '阻隔区域内禁止开采浅层地下水', dueOn: appDate(t, 12), restriction: '禁止开采浅层地下水' });
    const aftercare = last(await documents(t, j.plotId), 'D17', 'aftercare');
    expect(aftercare).toMatchObject({ title: '后期管理要求', published: false });
    await t.http.get(`/documents/${aftercare.id}/pdf`).expect(404);
    expectText(await pdfText(t, aftercare.id, 'holder'), [
      '后期管理要求（第1项）', '阻隔区域内禁止开采浅层地下水', `履行期限${chinese(appDate(t, 12))}`, '用途限制禁止开采浅层地下水', '第四十二条第三款',
      '主送：上街区某铝业有限公司',
    ]);
  });
});

/** 2027-12-01 → 2027年12月1日, as the documents print a date. */
function chinese(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
