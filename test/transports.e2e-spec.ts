import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { send } from './factories/plots';
import {
  openTransport,
  plotInRemediationWorks,
  receiptReport,
  sendTransport,
  transportEvent,
  transportPlan,
} from './factories/transports';

describeEachDatabase('soil transport (土壤法 art. 41) over HTTP', (target) => {
  let t: TestApp;
  let plotId: string;
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    plotId = (await plotInRemediationWorks(t)).plotId;
  });
  afterAll(() => t?.close());

  /** Opens a transport and submits a plan as of `today`; returns the SUBMIT response. */
  async function submitAsOf(today: string, plannedStart: string) {
    clock.at(today);
    const draft = await openTransport(t, plotId);
    return { draft, res: await transportEvent(t, 'holder', draft.id, transportPlan(plannedStart)) };
  }

  it('opens a batch in draft for the plot holder only, with audit row 1 OPEN on its own chain', async () => {
    const draft = await openTransport(t, plotId);
    expect(draft).toMatchObject({ state: 'draft', version: 1, plotId, machine: { name: 'soil-transport', version: 2 }, allowedEvents: ['CANCEL', 'SUBMIT'] });
    const rows = await t.ds.query(`SELECT seq, event_type, to_state FROM audit_log WHERE entity_type = 'transport' AND entity_id = $1`, [draft.id]);
    expect(rows).toEqual([{ seq: 1, event_type: 'OPEN', to_state: 'draft' }]);
    await t.http.post(`/plots/${plotId}/transports`).set(await t.as('eeb')).send({}).expect(403);
    await t.http.post(`/plots/${plotId}/transports`).set(await t.as('holder2')).send({}).expect(404);
    const body = await t.http.post(`/plots/${plotId}/transports`).set(await t.as('holder')).send({ quantityT: 1 }).expect(400);
    expect(body.body.errors[0].field).toBe('body');
    const list = await t.http.get(`/plots/${plotId}/transports`).set(await t.as('holder')).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(draft.id);

    const fieldOf = async (event: Record<string, unknown>) => {
      const res = await transportEvent(t, 'holder', draft.id, event);
      expect(res.status).toBe(400);
      return [...new Set(res.body.errors.map((e: { field: string }) => e.field))];
    };
    const { route: _route, ...withoutRoute } = transportPlan('2026-07-13');
    expect(await fieldOf(withoutRoute)).toEqual(['route']);
    expect(await fieldOf(transportPlan('2026-02-30'))).toEqual(['plannedStart']);
    expect(await fieldOf(transportPlan('2026-07-13', { destinationJurisdiction: '999999' }))).toEqual(['destinationJurisdiction']);
    expect(await fieldOf(transportPlan('2026-07-13', { leadTime: { workingDaysUntilStart: 99, requiredWorkingDays: 0 } }))).toEqual(['leadTime']);
    const blank = await transportEvent(t, 'holder', draft.id, transportPlan('2026-07-13', { route: '  ' }));
    expect(blank.status).toBe(422);
    expect(blank.body.guard).toBe('transportPlanComplete');
    await sendTransport(t, 'holder', draft.id, { type: 'CANCEL', reason: '改为原址修复' });
  });

  it('lead time across 中秋 and 国庆 2026: on 09-24 a start on 10-08 is 4 working days ahead (refused), 10-09 is 5', async () => {
    const { draft, res } = await submitAsOf('2026-09-24', '2026-10-08');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ guard: 'leadTimeOfWorkingDaysMet', reason: expect.stringContaining('提前 5 个工作日') });
    expect(res.body.reason).toContain('仅 4 个工作日');
    const ok = await sendTransport(t, 'holder', draft.id, transportPlan('2026-10-09'));
    expect(ok).toMatchObject({ state: 'filed', destinationJurisdiction: '410182', plan: { plannedStart: '2026-10-09' } });
    await sendTransport(t, 'holder', draft.id, { type: 'CANCEL', reason: '计划调整' });
  });

  it('lead time across 春节 2026 with the adjusted working Saturday 02-14: on 02-13, 02-26 is refused and 02-27 accepted', async () => {
    const { draft, res } = await submitAsOf('2026-02-13', '2026-02-26');
    expect(res.status).toBe(422);
    expect(res.body.reason).toContain('仅 4 个工作日');
    await sendTransport(t, 'holder', draft.id, transportPlan('2026-02-27'));
    await sendTransport(t, 'holder', draft.id, { type: 'CANCEL', reason: '计划调整' });
  });

  it('an adjusted working Saturday counts: on 02-24 a start on Monday 03-02 is the 5th working day (02-28 worked)', async () => {
    const { draft, res } = await submitAsOf('2026-02-24', '2026-03-01');
    expect(res.status).toBe(422);
    expect(res.body.reason).toContain('仅 4 个工作日');
    await sendTransport(t, 'holder', draft.id, transportPlan('2026-03-02'));
    await sendTransport(t, 'holder', draft.id, { type: 'CANCEL', reason: '计划调整' });
    const saturday = await submitAsOf('2026-10-09', '2026-10-15');
    expect(saturday.res.status).toBe(200);
    await sendTransport(t, 'holder', saturday.draft.id, { type: 'CANCEL', reason: '计划调整' });
  });

  it('a lead time into a year without a holiday arrangement is refused (422), not guessed; it counts once an admin enters the year', async () => {
    const { draft, res } = await submitAsOf('2026-12-28', '2027-01-05');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', year: 2027, message: expect.stringContaining('缺少 2027 年的节假日安排数据') });
    const tsv = 'date\tkind\tname\n2027-01-01\tholiday\t元旦\n';
    await t.http.put('/admin/calendar/2027').set(await t.as('admin')).send({ tsv, source: '测试数据' }).expect(200);
    // 12-29, 12-30, 12-31, (01-01 元旦), 01-04, 01-05
    const ok = await sendTransport(t, 'holder', draft.id, transportPlan('2027-01-05'));
    expect(ok.state).toBe('filed');
    await sendTransport(t, 'holder', draft.id, { type: 'CANCEL', reason: '计划调整' });
  });

  it('both bureaus acknowledge, each once; the destination bureau sees the transport but not its plot; D10 goes to the outbox', async () => {
    const { draft, res } = await submitAsOf('2026-07-01', '2026-07-13');
    expect(res.status).toBe(200);
    const id = draft.id;
    const [row] = await t.ds.query(`SELECT destination_jurisdiction FROM transports WHERE id = $1`, [id]);
    expect(row.destination_jurisdiction).toBe('410182');
    const [filing] = await t.ds.query(
      `SELECT o.payload FROM outbox o JOIN audit_log a ON a.id = o.audit_id WHERE a.entity_id = $1 AND a.event_type = 'SUBMIT'`,
      [id],
    );
    expect(filing.payload).toEqual({ kind: 'D10' });
    expect(res.body.deadlines).toEqual([expect.objectContaining({ kind: 'transport_acknowledgement', dueDate: '2026-07-13', status: 'open' })]);

    const xy = await t.http.get(`/transports/${id}`).set(await t.as('eeb-xy')).expect(200);
    expect(xy.body.allowedEvents.sort()).toEqual(['ACKNOWLEDGE', 'OBJECT']);
    await t.http.get(`/plots/${plotId}`).set(await t.as('eeb-xy')).expect(404);
    expect((await t.http.get(`/transports/${id}`).set(await t.as('land')).expect(200)).body.allowedEvents).toEqual([]);
    await t.http.get(`/transports/${id}`).set(await t.as('holder2')).expect(404);
    expect((await transportEvent(t, 'land', id, { type: 'ACKNOWLEDGE' })).status).toBe(403);
    // v2: a filed plan knows DISPATCH, and by default (transport.acknowledgeBeforeDispatch = both) refuses it.
    const unacknowledged = await transportEvent(t, 'holder', id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 120 });
    expect(unacknowledged.status).toBe(422);
    expect(unacknowledged.body.guard).toBe('dispatchBeforeAcknowledgementAllowed');

    const half = await sendTransport(t, 'eeb', id, { type: 'ACKNOWLEDGE' });
    expect(half.state).toBe('filed');
    expect(half.allowedEvents).not.toContain('ACKNOWLEDGE');
    const again = await transportEvent(t, 'eeb', id, { type: 'ACKNOWLEDGE' });
    expect(again.status).toBe(422);
    expect(again.body.guard).toBe('sidesNotYetAcknowledged');
    const both = await sendTransport(t, 'eeb-xy', id, { type: 'ACKNOWLEDGE' });
    expect(both).toMatchObject({ state: 'acknowledged', deadlines: [] });
    expect(Object.keys(both.context.acknowledgements).sort()).toEqual(['destination', 'origin']);

    // 土壤法 art. 41: not before the reported start date.
    clock.at('2026-07-10');
    const early = await transportEvent(t, 'holder', id, { type: 'DISPATCH', manifestNo: 'ZY-2026-0001', quantityT: 120 });
    expect(early.status).toBe(422);
    expect(early.body.guard).toBe('plannedStartReached');
    expect((await t.http.get(`/transports/${id}`).set(await t.as('holder'))).body.allowedEvents).toEqual(['CANCEL']);
    clock.at('2026-07-13');
    const dispatched = await sendTransport(t, 'holder', id, { type: 'DISPATCH', manifestNo: 'ZY-2026-0001', quantityT: 120 });
    expect(dispatched).toMatchObject({
      state: 'inTransit',
      batches: [{ batchNo: 1, dispatchedOn: '2026-07-13', quantityT: 120, status: 'inTransit' }],
      totals: { plannedT: 120, dispatchedT: 120, receivedT: 0, remainingT: 0 },
    });

    // 转运联单: 100 t received of 120 t is beyond the 5 % tolerance.
    const missing = await transportEvent(t, 'holder', id, { type: 'RECORD_RECEIPT', quantityT: 100, receiptReportId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(422);
    expect(missing.body.guard).toBe('reportExists');
    const receipt = await receiptReport(t, plotId, 100);
    const discrepancy = await sendTransport(t, 'holder', id, { type: 'RECORD_RECEIPT', quantityT: 100, receiptReportId: receipt });
    expect(discrepancy.state).toBe('discrepancy');
    expect((await t.http.get(`/transports/${id}`).set(await t.as('eeb-xy'))).body.allowedEvents).toEqual(['RESOLVE']);
    expect((await transportEvent(t, 'eeb', id, { type: 'RESOLVE', explanation: '已核实' })).status).toBe(403);
    const closed = await sendTransport(t, 'eeb-xy', id, { type: 'RESOLVE', explanation: '含水率下降导致计量差异，已核实' });
    expect(closed).toMatchObject({ state: 'closed', allowedEvents: [], totals: { dispatchedT: 120, receivedT: 100 } });
    const chain = await t.ds.query(`SELECT seq, event_type FROM audit_log WHERE entity_type = 'transport' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(chain.map((r: { event_type: string }) => r.event_type)).toEqual([
      'OPEN', 'SUBMIT', 'ACKNOWLEDGE', 'ACKNOWLEDGE', 'DISPATCH', 'RECORD_RECEIPT', 'RESOLVE',
    ]);
    expect((await t.http.get('/audit/verify').set(await t.as('admin')).expect(200)).body.valid).toBe(true);
  });

  it('a receipt within the tolerance closes the transport; an Idempotency-Key replays instead of resending', async () => {
    const { draft } = await submitAsOf('2026-07-01', '2026-07-13');
    await sendTransport(t, 'eeb', draft.id, { type: 'ACKNOWLEDGE' });
    const ack = { type: 'ACKNOWLEDGE' };
    const first = await transportEvent(t, 'eeb-xy', draft.id, ack, 'ack-1');
    const replay = await transportEvent(t, 'eeb-xy', draft.id, ack, 'ack-1');
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    clock.at('2026-07-14');
    await sendTransport(t, 'holder', draft.id, { type: 'DISPATCH', manifestNo: 'ZY-2026-0002', quantityT: 120 });
    const receipt = await receiptReport(t, plotId, 115);
    const closed = await sendTransport(t, 'holder', draft.id, { type: 'RECORD_RECEIPT', quantityT: 115, receiptReportId: receipt });
    expect(closed.state).toBe('closed');
  });

  it('COMPLETE_WORKS is refused (422 noOpenTransports) while a transport of the plot is open, and accepted once none is', async () => {
    clock.at('2026-07-01');
    const open = await openTransport(t, plotId);
    expect((await t.http.get(`/plots/${plotId}`).set(await t.as('holder'))).body.allowedEvents).not.toContain('COMPLETE_WORKS');
    const refused = await send(t, 'holder', plotId, { type: 'COMPLETE_WORKS' }, 422);
    expect(refused).toMatchObject({ guard: 'noOpenTransports', reason: expect.stringContaining('1 批') });
    await sendTransport(t, 'holder', open.id, { type: 'CANCEL', reason: '改为原址修复' });
    const done = await send(t, 'holder', plotId, { type: 'COMPLETE_WORKS' });
    expect(done.state).toBe('listed.effectEvaluation.drafting');
    const late = await t.http.post(`/plots/${plotId}/transports`).set(await t.as('holder')).send({});
    expect(late.status).toBe(422);
    expect(late.body.guard).toBe('plotInRemediation');
  });
});
