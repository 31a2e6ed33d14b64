import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { makePdf } from './factories/files';
import { appDate, expertReview, fullLifecycle, runUntil, startJourney, type Journey, type Step } from './factories/lifecycle';
import { CONTAMINATED, send, upload } from './factories/plots';

// Valid under GB 32100-2015 (built with both check characters in src/credit/credit-figures.spec.ts).
const CODE_A = '91410106MA40C1H27N';
const CODE_B = '91410106MA40C2K530';

describeEachDatabase('第三方机构诚信档案 (issue 21, 上政文〔2017〕147号 三（六）3; 土壤法第九十条)', (target) => {
  let t: TestApp;
  let j: Journey;
  const clock = new FakeClock('2026-03-02');
  let rest: Step[];

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    j = await startJourney(t);
    // Preliminary investigation passes at the first go; the detailed one is returned once, then approved.
    rest = await runUntil(t, j, fullLifecycle(t), 'SUBMIT_REPORT', 2);
    await rest[0].run(t, j);
    await send(t, 'eeb', j.plotId, { type: 'RETURN', reason: '详细调查采样点位不足，请补充' });
    j.reports.detailed_investigation = (await upload(t, 'consultant', j.plotId, 'detailed_investigation', {}, CONTAMINATED)).id;
    await send(t, 'consultant', j.plotId, { type: 'SUBMIT_REPORT', reportId: j.reports.detailed_investigation });
    for (const step of [...expertReview('eeb'), ...rest.slice(1).filter((s) => s.event === 'APPROVE').slice(0, 2)]) await step.run(t, j);
  }, 120_000);
  afterAll(() => t?.close());

  const finding = async (as: string, fields: Record<string, string>, file?: Buffer, fileName = 'decision.pdf') => {
    let req = t.http.post('/credit/findings').set(await t.as(as));
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    if (file) req = req.attach('file', file, { filename: fileName, contentType: 'application/pdf' });
    return req;
  };

  it('the figures on a firm\'s page equal a hand count of its review rounds in the audit trail (三（六）3)', async () => {
    const res = await t.http.get(`/credit/firms/${t.demo.organisations.consultant}`).expect(200);
    // Hand count: 初步调查 submitted once, panel 通过, approved by both bureaus (first pass);
    // 详细调查 submitted, returned with its reason, resubmitted, panel 通过, approved (not first pass).
    expect(res.body.figures).toMatchObject({
      submitted: 2,
      submittedByKind: { preliminary_investigation: 1, detailed_investigation: 1 },
      submittedByKindLabels: { preliminary_investigation: expect.stringContaining('初步'), detailed_investigation: expect.stringContaining('详细') },
      resubmissions: 1,
      decided: 2,
      approved: 2,
      firstPassApproved: 1,
      firstPassRate: 0.5,
      panelConclusions: { pass: 2, passWithRevisions: 0, fail: 0 },
    });
    expect(res.body.figures.returns).toEqual([expect.objectContaining({ plotId: j.plotId, reportKind: 'detailed_investigation', reason: '详细调查采样点位不足，请补充' })]);
    const ranking = await t.http.get('/credit/firms').expect(200);
    const row = ranking.body.items.find((i: { id: string }) => i.id === t.demo.organisations.consultant);
    expect(row).toMatchObject({ rank: 1, figures: expect.objectContaining({ firstPassRate: 0.5 }) });
  });

  it('only a 生态环境 bureau records a finding, refused before its body is read; a non-PDF decision is 415 and a bad period 400, nothing written (土壤法第九十条)', async () => {
    const ok = { organisationId: t.demo.organisations.consultant2, finding: 'false_report', summary: '出具虚假效果评估报告', decisionNumber: '上环罚〔2026〕1号', decisionDate: '2026-03-01' };
    expect((await finding('consultant', ok, await makePdf('decision'))).status).toBe(403);
    const notPdf = await finding('eeb', ok, Buffer.from('PK\u0003\u0004 not a pdf'), 'decision.pdf');
    expect(notPdf.status).toBe(415);
    const badPeriod = await finding('eeb', { ...ok, banStartsOn: '2026-03-10', banEndsOn: '2026-03-05' }, await makePdf('decision'));
    expect(badPeriod.status).toBe(400);
    expect(JSON.stringify(badPeriod.body)).toContain('禁止从业截止日期不能早于起始日期');
    const future = await finding('eeb', { ...ok, decisionDate: '2026-04-01' }, await makePdf('decision'));
    expect(future.status).toBe(400);
    const page = await t.http.get(`/credit/firms/${t.demo.organisations.consultant2}`).expect(200);
    expect(page.body.findings).toEqual([]);
  });

  it('while a ban lasts, commissioning the firm is refused 422 naming the decision, and the refusal lifts after its end date (土壤法第九十条)', async () => {
    const res = await finding('eeb', {
      organisationId: t.demo.organisations.consultant2, finding: 'false_report', summary: '出具虚假风险评估报告',
      decisionNumber: '上环罚〔2026〕7号', decisionDate: '2026-03-01', penaltyYuan: '500000', banStartsOn: '2026-03-02', banEndsOn: '2026-03-31',
    }, await makePdf('decision'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decisionNumber: '上环罚〔2026〕7号', ban: { startsOn: '2026-03-02', endsOn: '2026-03-31', inForce: true } });
    const again = await finding('eeb', {
      organisationId: t.demo.organisations.consultant2, finding: 'false_report', summary: '重复', decisionNumber: '上环罚〔2026〕7号', decisionDate: '2026-03-01',
    }, await makePdf('decision'));
    expect(again.status).toBe(409);

    const assign = { type: 'ASSIGN_CONSULTANT', orgId: t.demo.organisations.consultant2, work: 'riskAssessment' };
    const refused = await t.http.post(`/plots/${j.plotId}/events`).set(await t.as('holder')).send(assign);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('上环罚〔2026〕7号');
    expect(refused.body.message).toContain('2026-03-01');
    expect(refused.body.message).toContain('2026-03-02 至 2026-03-31');
    const page = await t.http.get(`/credit/firms/${t.demo.organisations.consultant2}`).expect(200);
    expect(page.body.banInForce).toMatchObject({ decisionNumber: '上环罚〔2026〕7号', findingLabel: expect.stringContaining('虚假') });

    clock.at('2026-03-31');
    expect((await t.http.post(`/plots/${j.plotId}/events`).set(await t.as('holder')).send(assign)).status).toBe(422);
    clock.at('2026-04-01');
    await send(t, 'holder', j.plotId, assign);
  });

  it('a banned firm\'s report upload is refused 422 naming the decision (土壤法第九十条)', async () => {
    const res = await finding('eeb', {
      organisationId: t.demo.organisations.consultant2, finding: 'falsified_report', summary: '篡改检测数据',
      decisionNumber: '上环罚〔2026〕9号', decisionDate: '2026-04-01', banStartsOn: '2026-04-01', banEndsOn: '2027-03-31',
    }, await makePdf('decision'));
    expect(res.status).toBe(201);
    const refused = await t.http
      .post(`/plots/${j.plotId}/reports`).set(await t.as('consultant2'))
      .field('kind', 'risk_assessment').field('conclusion', JSON.stringify({ riskAcceptable: false }))
      .attach('file', await makePdf('risk'), { filename: 'risk.pdf', contentType: 'application/pdf' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('上环罚〔2026〕9号');
    expect(refused.body.message).toContain('2026-04-01 至 2027-03-31');
  });

  it('the export is keyed by 统一社会信用代码 checked per GB 32100-2015; firms without a valid code are listed apart', async () => {
    const admin = await t.as('admin');
    const bad = await t.http.put(`/credit/firms/${t.demo.organisations.consultant}/credit-code`).set(admin).send({ creditCode: CODE_A.slice(0, 17) + 'X' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('校验码');
    expect((await t.http.put(`/credit/firms/${t.demo.organisations.consultant}/credit-code`).set(await t.as('eeb')).send({ creditCode: CODE_A })).status).toBe(403);
    await t.http.put(`/credit/firms/${t.demo.organisations.consultant}/credit-code`).set(admin).send({ creditCode: CODE_A }).expect(200);
    await t.http.put(`/credit/firms/${t.demo.organisations.consultant2}/credit-code`).set(admin).send({ creditCode: CODE_B }).expect(200);
    expect((await t.http.put(`/credit/firms/${t.demo.organisations.contractor}/credit-code`).set(admin).send({ creditCode: CODE_B })).status).toBe(409);

    const json = await t.http.get('/credit/export.json').expect(200);
    expect(json.body.records.map((r: { creditCode: string }) => r.creditCode)).toEqual([CODE_A, CODE_B]);
    expect(json.body.records[1].findings.map((f: { decisionNumber: string }) => f.decisionNumber).sort()).toEqual(['上环罚〔2026〕7号', '上环罚〔2026〕9号']);
    expect(json.body.withoutValidCode).toEqual(expect.arrayContaining([expect.objectContaining({ id: t.demo.organisations.contractor, reason: '未登记统一社会信用代码' })]));
    const csv = await t.http.get('/credit/export.csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('统一社会信用代码');
    expect(lines[1]).toBe(`${CODE_A},某环境调查评估有限公司,2,2,1,50.0%,1,0,`);
    expect(lines[2].startsWith(`${CODE_B},`)).toBe(true);
    expect(lines[2].endsWith(',2,2026-04-01至2027-03-31')).toBe(true);
    expect(appDate(t)).toBe('2026-04-01');
  });
});
