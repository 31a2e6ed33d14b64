import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, runUntil, startJourney } from './factories/lifecycle';
import { registerPlot, send } from './factories/plots';

type Duty = { id: string; plotId: string; kind: string; daysLeft: number; overdue: boolean; party: string; partyName: string; label: string; stage: string };

describeEachDatabase('supervision: open duties, 催办 and 督办, notifications, 已办 (issue 22 points 2 and 3)', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-03-02');
  let overduePlot: string;
  let freshPlot: string;
  let reviewPlot: string;

  const duties = async (as: string, query = '') => (await t.http.get(`/supervision/duties${query}`).set(await t.as(as)).expect(200)).body;
  const dutyOf = (body: { items: Duty[] }, plotId: string, kind = 'investigation_notice') => body.items.find((d) => d.plotId === plotId && d.kind === kind);
  const urge = async (as: string, id: string, body: unknown) => t.http.post(`/supervision/duties/${id}/urge`).set(await t.as(as)).send(body as object);

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    clock.at('2026-03-02');
    overduePlot = (await registerPlot(t)).id;
    await send(t, 'eeb', overduePlot, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-03-10' });
    freshPlot = (await registerPlot(t)).id;
    await send(t, 'eeb', freshPlot, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-03-25' });
    const j = await startJourney(t);
    await runUntil(t, j, fullLifecycle(t), 'APPROVE');
    reviewPlot = j.plotId;
    clock.at('2026-03-21');
  });
  afterAll(() => t?.close());

  it('overdue is computed when read (issue 22 point 3): a holder’s duty 11 days past due is 逾期 on the plot, the list and the to-do with no sweep run', async () => {
    const [stored] = await t.ds.query(`SELECT status FROM deadlines WHERE plot_id = $1 AND status <> 'done'`, [overduePlot]);
    expect(stored.status).toBe('open');
    const plot = (await t.http.get(`/plots/${overduePlot}`).set(await t.as('eeb')).expect(200)).body;
    expect(plot.deadlines[0]).toMatchObject({ kind: 'investigation_notice', status: 'overdue', overdue: true });
    const d = dutyOf(await duties('eeb'), overduePlot)!;
    expect(d).toMatchObject({ daysLeft: -11, overdue: true, party: 'holder', stage: 'suspected', label: '按调查通知书开展土壤污染状况调查' });
    expect(d.partyName).toBeTruthy();
    const fresh = dutyOf(await duties('eeb'), freshPlot)!;
    expect(fresh).toMatchObject({ daysLeft: 4, overdue: false });
    const tasks = (await t.http.get('/me/tasks').set(await t.as('holder')).expect(200)).body.items;
    expect(tasks.find((i: { plotId: string }) => i.plotId === overduePlot)).toMatchObject({ overdue: true });
  });

  it('the supervisor’s list follows the jurisdiction subtree (土壤法第七条; DESIGN §1.1) and its filters, earliest due first', async () => {
    expect(dutyOf(await duties('eeb-city'), overduePlot)).toBeDefined();
    expect(dutyOf(await duties('land'), overduePlot)).toBeDefined();
    expect(dutyOf(await duties('eeb-xy'), overduePlot)).toBeUndefined();
    await t.http.get('/supervision/duties').set(await t.as('holder')).expect(403);
    await t.http.get('/supervision/duties').set(await t.as('consultant')).expect(403);
    const all = await duties('eeb');
    const dates = all.items.map((i: { dueDate: string }) => i.dueDate);
    expect(dates).toEqual([...dates].sort());
    const overdueOnly = await duties('eeb', '?overdue=true');
    expect(overdueOnly.items.every((i: Duty) => i.overdue)).toBe(true);
    expect(dutyOf(overdueOnly, overduePlot)).toBeDefined();
    expect(dutyOf(overdueOnly, freshPlot)).toBeUndefined();
    const soon = await duties('eeb', '?daysLeft=5');
    expect(dutyOf(soon, freshPlot)).toBeDefined();
    expect(dutyOf(soon, overduePlot)).toBeUndefined();
    expect(dutyOf(await duties('eeb', '?stage=listed'), overduePlot)).toBeUndefined();
    expect(dutyOf(await duties('eeb', '?stage=suspected'), overduePlot)).toBeDefined();
    const bureau = await duties('eeb', '?party=bureau');
    expect(dutyOf(bureau, overduePlot)).toBeUndefined();
    expect(dutyOf(bureau, reviewPlot, 'review')).toMatchObject({ party: 'bureau' });
    const paged = await duties('eeb', '?pageSize=1');
    expect(paged.items).toHaveLength(1);
    expect(paged.hasMore).toBe(true);
    const bad = await t.http.get('/supervision/duties?stage=nowhere&pageSize=1000').set(await t.as('eeb')).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/阶段须为/);
  });

  it('figures count the open duties of the scope by stage and by overdue band', async () => {
    const f = (await t.http.get('/supervision/figures').set(await t.as('eeb')).expect(200)).body;
    const list = await duties('eeb', '?pageSize=100');
    expect(f.open).toBe(list.items.length);
    expect(f.overdue).toBe(list.items.filter((i: Duty) => i.overdue).length);
    expect(f.byStage.find((s: { stage: string }) => s.stage === 'suspected')).toMatchObject({ label: '疑似污染地块', open: 2, overdue: 1 });
    expect(f.byBand.find((b: { key: string }) => b.key === 'overdue8').count).toBeGreaterThanOrEqual(1);
    expect(f.byBand.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(f.open);
    const other = (await t.http.get('/supervision/figures').set(await t.as('eeb-xy')).expect(200)).body;
    expect(other.open).toBe(0);
  });

  it('催办 by the bureau in scope notifies the owing holder and writes an audit row, once per duty and day (409 otherwise)', async () => {
    const d = dutyOf(await duties('eeb'), overduePlot)!;
    expect((await urge('holder', d.id, { kind: '催办', message: '请尽快开展调查' })).status).toBe(403);
    expect((await urge('eeb-xy', d.id, { kind: '催办', message: '请尽快开展调查' })).status).toBe(404);
    const invalid = await urge('eeb', d.id, { kind: '提醒', message: '' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toMatch(/方式须为催办或督办/);
    const ok = await urge('eeb', d.id, { kind: '催办', message: '请尽快开展调查' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ lastUrgedOn: '2026-03-21', urged: { kind: '催办' } });
    const again = await urge('eeb', d.id, { kind: '督办', message: '再次督办' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/今日已催办或督办/);
    const notes = (await t.http.get('/me/notifications').set(await t.as('holder')).expect(200)).body;
    const note = notes.items.find((n: { status: string; plotId: string }) => n.status === 'urge' && n.plotId === overduePlot);
    expect(note.message).toMatch(/^【催办】.*已逾期 11 日.*请尽快开展调查$/);
    expect(note.read).toBe(false);
    const other = (await t.http.get('/me/notifications').set(await t.as('holder2')).expect(200)).body;
    expect(other.items.some((n: { status: string }) => n.status === 'urge')).toBe(false);
    const audit = await t.ds.query(`SELECT event_type, role, payload FROM audit_log WHERE plot_id = $1 ORDER BY seq DESC LIMIT 1`, [overduePlot]);
    expect(audit[0]).toMatchObject({ event_type: 'URGE_DUTY', role: 'eeb' });
    expect(audit[0].payload).toMatchObject({ deadlineId: d.id, note: '请尽快开展调查' });
    const history = (await t.http.get(`/plots/${overduePlot}/history`).set(await t.as('holder')).expect(200)).body;
    expect(JSON.stringify(history)).toContain('催办');
    clock.at('2026-03-22');
    expect((await urge('eeb-city', d.id, { kind: '督办', message: '限期三日内启动调查' })).status).toBe(200);
    clock.at('2026-03-21');
  });

  it('督办 only once a duty is overdue; a bureau’s own duty is urged only by the level above (reference/supervision.json)', async () => {
    const fresh = dutyOf(await duties('eeb'), freshPlot)!;
    const early = await urge('eeb', fresh.id, { kind: '督办', message: '督办' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/逾期后方可督办/);
    const review = dutyOf(await duties('eeb'), reviewPlot, 'review')!;
    const self = await urge('eeb', review.id, { kind: '催办', message: '请按期完成评审' });
    expect(self.status).toBe(409);
    expect(self.body.message).toMatch(/上级主管部门/);
    expect((await urge('eeb-city', review.id, { kind: '催办', message: '请按期完成评审' })).status).toBe(200);
    const district = (await t.http.get('/me/notifications').set(await t.as('eeb')).expect(200)).body.items;
    expect(district.some((n: { status: string; plotId: string }) => n.status === 'urge' && n.plotId === reviewPlot)).toBe(true);
    const holder = (await t.http.get('/me/notifications').set(await t.as('holder')).expect(200)).body.items;
    expect(holder.some((n: { plotId: string; status: string }) => n.status === 'urge' && n.plotId === reviewPlot)).toBe(false);
    const sender = (await t.http.get('/me/notifications').set(await t.as('eeb-city')).expect(200)).body.items;
    expect(sender.some((n: { status: string; plotId: string }) => n.status === 'urge' && n.plotId === reviewPlot)).toBe(false);
  });

  it('notifications carry read marks: one read, all read, never another’s (issue 22 point 3, the bell)', async () => {
    const before = (await t.http.get('/me/notifications').set(await t.as('holder')).expect(200)).body;
    expect(before.unread).toBeGreaterThan(0);
    const first = before.items.find((n: { read: boolean }) => !n.read);
    await t.http.post(`/me/notifications/${first.id}/read`).set(await t.as('holder')).expect(200);
    const after = (await t.http.get('/me/notifications').set(await t.as('holder')).expect(200)).body;
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((n: { id: string }) => n.id === first.id).read).toBe(true);
    await t.http.post(`/me/notifications/${first.id}/read`).set(await t.as('holder2')).expect(404);
    await t.http.post('/me/notifications/abc/read').set(await t.as('holder')).expect(404);
    await t.http.post('/me/notifications/read-all').set(await t.as('holder')).expect(200);
    expect((await t.http.get('/me/notifications/unread').set(await t.as('holder')).expect(200)).body.unread).toBe(0);
    // Another reader of the same notifications keeps its own marks.
    expect((await t.http.get('/me/notifications/unread').set(await t.as('eeb')).expect(200)).body.unread).toBeGreaterThan(0);
  });

  it('the to-do names the task, not its hoped-for outcome (issue 22 point 2); 已办 lists the caller’s own steps, newest first', async () => {
    const tasks = (await t.http.get('/me/tasks').set(await t.as('eeb')).expect(200)).body.items;
    const review = tasks.find((i: { plotId: string; kind: string }) => i.plotId === reviewPlot && i.kind === 'plot');
    expect(review.events).toContain('APPROVE');
    expect(review.taskLabels[review.events.indexOf('APPROVE')]).toBe('审查初步调查报告');
    const done = (await t.http.get('/me/done?pageSize=5').set(await t.as('eeb')).expect(200)).body;
    expect(done.items).toHaveLength(5);
    expect(done.hasMore).toBe(true);
    const ats = done.items.map((i: { at: string }) => i.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(done.items.every((i: { eventLabel: string }) => /[\u4e00-\u9fff]/.test(i.eventLabel))).toBe(true);
    const all = (await t.http.get('/me/done?pageSize=100').set(await t.as('eeb')).expect(200)).body.items;
    expect(all.find((i: { plotId: string; eventType: string }) => i.plotId === overduePlot && i.eventType === 'ISSUE_INVESTIGATION_NOTICE'))
      .toMatchObject({ eventLabel: '下达调查通知', entityLabel: '地块' });
    const holderDone = (await t.http.get('/me/done?pageSize=100').set(await t.as('holder')).expect(200)).body.items;
    expect(holderDone.some((i: { eventType: string }) => i.eventType === 'ISSUE_INVESTIGATION_NOTICE')).toBe(false);
  });
});
