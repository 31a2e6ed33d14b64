import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { openTransport, plotInRemediationWorks, receiptReport, sendTransport, transportEvent, transportPlan } from './factories/transports';

const HAZARDOUS = { hazardousWaste: true, receiverLicenceNo: ' 豫环危废证字第 4101-001 号 ' };

describeEachDatabase('soil transport v2 over HTTP: batches, quantities, hazardous waste (土壤法第四十一条)', (target) => {
  let t: TestApp;
  let plotId: string;
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    plotId = (await plotInRemediationWorks(t)).plotId;
  });
  afterAll(() => t?.close());

  /** A plan of 120 t filed on 07-01 for 07-13 and acknowledged by both bureaus; the clock at 07-13. */
  async function acknowledgedPlan(overrides: Record<string, unknown> = {}) {
    clock.at('2026-07-01');
    const draft = await openTransport(t, plotId);
    await sendTransport(t, 'holder', draft.id, transportPlan('2026-07-13', overrides));
    await sendTransport(t, 'eeb', draft.id, { type: 'ACKNOWLEDGE' });
    await sendTransport(t, 'eeb-xy', draft.id, { type: 'ACKNOWLEDGE' });
    clock.at('2026-07-13');
    return draft.id as string;
  }

  it('土壤法第四十一条: batches are refused beyond the reported quantity (422 naming both figures); the plan closes once all of it is received', async () => {
    const id = await acknowledgedPlan();
    const first = await sendTransport(t, 'holder', id, { type: 'DISPATCH', manifestNo: ' ZY-1 ', quantityT: 50 });
    expect(first).toMatchObject({ state: 'inTransit', batches: [{ batchNo: 1, manifestNo: 'ZY-1', quantityT: 50 }], totals: { plannedT: 120, dispatchedT: 50, remainingT: 70 } });
    expect(first.allowedEvents).toEqual(expect.arrayContaining(['DISPATCH', 'RECORD_RECEIPT']));
    const over = await transportEvent(t, 'holder', id, { type: 'DISPATCH', manifestNo: 'ZY-2', quantityT: 80 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ guard: 'withinReportedQuantity', reason: expect.stringContaining('土壤法第四十一条') });
    expect(over.body.reason).toContain('累计发运 130 吨');
    expect(over.body.reason).toContain('报告的 120 吨');
    await sendTransport(t, 'holder', id, { type: 'DISPATCH', batchNo: 5, manifestNo: 'ZY-5', quantityT: 70 });
    const dup = await transportEvent(t, 'holder', id, { type: 'DISPATCH', batchNo: 5, manifestNo: 'ZY-6', quantityT: 0.001 });
    expect([dup.status, dup.body.guard]).toEqual([422, 'batchNoUnused']);

    const report = await receiptReport(t, plotId, 49);
    const unknown = await transportEvent(t, 'holder', id, { type: 'RECORD_RECEIPT', batchNo: 2, quantityT: 49, receiptReportId: report });
    expect([unknown.status, unknown.body.guard, unknown.body.reason]).toEqual([422, 'batchAwaitingReceipt', '第 2 批不是本计划在途的批次，不能登记接收']);
    const one = await sendTransport(t, 'holder', id, { type: 'RECORD_RECEIPT', batchNo: 1, quantityT: 49, receiptReportId: report });
    expect(one).toMatchObject({ state: 'inTransit', totals: { dispatchedT: 120, receivedT: 49 } });
    // Unnamed, the receipt is for the earliest batch still on the road: 5.
    const closed = await sendTransport(t, 'holder', id, { type: 'RECORD_RECEIPT', quantityT: 69, receiptReportId: await receiptReport(t, plotId, 69) });
    expect(closed).toMatchObject({ state: 'closed', totals: { plannedT: 120, dispatchedT: 120, receivedT: 118, remainingT: 0 } });
    expect(closed.batches.map((b: { batchNo: number; status: string }) => [b.batchNo, b.status])).toEqual([[1, 'received'], [5, 'received']]);
    // The annual figures read the total received where v1 kept its one receipt.
    const [row] = await t.ds.query(`SELECT (snapshot->'context'->'receipt'->>'quantityT')::float8 AS q FROM transports WHERE id = $1`, [id]);
    expect(row.q).toBe(118);
  });

  it('土壤法第四十一条: the holder completes a plan dispatched below its quantity once every batch is received and reconciled (COMPLETE)', async () => {
    const id = await acknowledgedPlan();
    await sendTransport(t, 'holder', id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 60 });
    const early = await transportEvent(t, 'holder', id, { type: 'COMPLETE' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ guard: 'allBatchesReconciled', reason: expect.stringContaining('土壤法第四十一条') });
    const short = await sendTransport(t, 'holder', id, { type: 'RECORD_RECEIPT', quantityT: 40, receiptReportId: await receiptReport(t, plotId, 40) });
    expect(short.state).toBe('discrepancy');
    expect((await transportEvent(t, 'holder', id, { type: 'COMPLETE' })).status).toBe(409);
    const resolved = await sendTransport(t, 'eeb-xy', id, { type: 'RESOLVE', explanation: '含水率下降导致计量差异，已核实' });
    expect(resolved).toMatchObject({ state: 'inTransit', batches: [{ status: 'resolved' }] });
    expect(resolved.allowedEvents).toEqual([]);
    const holderView = (await t.http.get(`/transports/${id}`).set(await t.as('holder')).expect(200)).body;
    expect(holderView.allowedEvents.sort()).toEqual(['COMPLETE', 'DISPATCH']);
    const done = await sendTransport(t, 'holder', id, { type: 'COMPLETE' });
    expect(done).toMatchObject({ state: 'closed', totals: { plannedT: 120, dispatchedT: 60, receivedT: 40, remainingT: 60 }, allowedEvents: [] });
    const chain = await t.ds.query(`SELECT event_type FROM audit_log WHERE entity_type = 'transport' AND entity_id = $1 ORDER BY seq`, [id]);
    expect(chain.map((r: { event_type: string }) => r.event_type).slice(-4)).toEqual(['DISPATCH', 'RECORD_RECEIPT', 'RESOLVE', 'COMPLETE']);
  });

  it('《危险废物转移管理办法》: a hazardous plan names the receiver’s licence (422 without), each batch its 危险废物转移联单 (422 without)', async () => {
    clock.at('2026-07-01');
    const draft = await openTransport(t, plotId);
    const unlicensed = await transportEvent(t, 'holder', draft.id, transportPlan('2026-07-13', { hazardousWaste: true }));
    expect(unlicensed.status).toBe(422);
    expect(unlicensed.body).toMatchObject({ guard: 'hazardousReceiverLicensed', reason: expect.stringContaining('危险废物经营许可证') });
    expect(unlicensed.body.reason).toContain('土壤法第四十一条');
    const blank = await transportEvent(t, 'holder', draft.id, transportPlan('2026-07-13', { hazardousWaste: true, receiverLicenceNo: '   ' }));
    expect([blank.status, blank.body.errors?.[0]?.field]).toEqual([400, 'receiverLicenceNo']);
    const filed = await sendTransport(t, 'holder', draft.id, transportPlan('2026-07-13', HAZARDOUS));
    expect(filed.plan).toMatchObject({ hazardousWaste: true, receiverLicenceNo: '豫环危废证字第 4101-001 号' });
    await sendTransport(t, 'eeb', draft.id, { type: 'ACKNOWLEDGE' });
    await sendTransport(t, 'eeb-xy', draft.id, { type: 'ACKNOWLEDGE' });
    clock.at('2026-07-13');
    const bare = await transportEvent(t, 'holder', draft.id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 20 });
    expect(bare.status).toBe(422);
    expect(bare.body).toMatchObject({ guard: 'hazardousManifestGiven', reason: expect.stringContaining('危险废物转移联单') });
    const empty = await transportEvent(t, 'holder', draft.id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 20, hazardousManifestNo: '' });
    expect([empty.status, empty.body.errors?.[0]?.field]).toEqual([400, 'hazardousManifestNo']);
    const gone = await sendTransport(t, 'holder', draft.id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 20, hazardousManifestNo: ' 4101062026070001 ' });
    expect(gone.batches).toEqual([expect.objectContaining({ batchNo: 1, hazardousManifestNo: '4101062026070001' })]);
  });

  it('refuses bad batch fields with 400 naming the field, never a 500', async () => {
    const id = await acknowledgedPlan();
    const fieldOf = async (event: Record<string, unknown>) => {
      const res = await transportEvent(t, 'holder', id, event);
      expect(res.status).toBe(400);
      return [...new Set(res.body.errors.map((e: { field: string }) => e.field))];
    };
    expect(await fieldOf({ type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 10, batchNo: 0 })).toEqual(['batchNo']);
    expect(await fieldOf({ type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 10, batchNo: 1.5 })).toEqual(['batchNo']);
    expect(await fieldOf({ type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: -1 })).toEqual(['quantityT']);
    expect(await fieldOf({ type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 20_000_000 })).toEqual(['quantityT']);
    expect(await fieldOf({ type: 'DISPATCH', manifestNo: '   ', quantityT: 10 })).toEqual(['manifestNo']);
    expect(await fieldOf({ type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 10, hazardousManifestNo: 'x'.repeat(101) })).toEqual(['hazardousManifestNo']);
    expect(await fieldOf({ type: 'COMPLETE', quantityT: 1 })).toEqual(['quantityT']);
    await sendTransport(t, 'holder', id, { type: 'CANCEL', reason: '计划调整' });
  });
});

describeEachDatabase('soil transport v2 with TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH=none (土壤法第四十一条 提前报)', (target) => {
  let t: TestApp;
  let plotId: string;
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    t = await startTestApp(target, { TRANSPORT_ACKNOWLEDGE_BEFORE_DISPATCH: 'none' }, { clock });
    plotId = (await plotInRemediationWorks(t)).plotId;
  });
  afterAll(() => t?.close());

  it('土壤法第四十一条: a filed plan is dispatched without acknowledgements from its planned start, not a day before; acknowledgements are still recorded', async () => {
    const draft = await openTransport(t, plotId);
    await sendTransport(t, 'holder', draft.id, transportPlan('2026-07-13'));
    clock.at('2026-07-10');
    expect((await t.http.get(`/transports/${draft.id}`).set(await t.as('holder')).expect(200)).body.allowedEvents).toEqual(['CANCEL']);
    clock.at('2026-07-12');
    const early = await transportEvent(t, 'holder', draft.id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 30 });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ guard: 'plannedStartReached', reason: expect.stringContaining('土壤法第四十一条') });
    clock.at('2026-07-13');
    expect((await t.http.get(`/transports/${draft.id}`).set(await t.as('holder')).expect(200)).body.allowedEvents.sort()).toEqual(['CANCEL', 'DISPATCH']);
    const gone = await sendTransport(t, 'holder', draft.id, { type: 'DISPATCH', manifestNo: 'ZY-1', quantityT: 30 });
    expect(gone).toMatchObject({ state: 'inTransit', batches: [{ batchNo: 1, dispatchedOn: '2026-07-13' }] });
    expect(gone.context.acknowledgements).toEqual({});
    clock.at('2026-07-14');
    const later = await sendTransport(t, 'holder', draft.id, { type: 'DISPATCH', manifestNo: 'ZY-2', quantityT: 30 });
    expect(later.totals).toMatchObject({ dispatchedT: 60, remainingT: 60 });
    const xy = await t.http.get(`/transports/${draft.id}`).set(await t.as('eeb-xy')).expect(200);
    expect(xy.body.allowedEvents).toEqual(['ACKNOWLEDGE']);
    const acked = await sendTransport(t, 'eeb-xy', draft.id, { type: 'ACKNOWLEDGE' });
    expect(Object.keys(acked.context.acknowledgements)).toEqual(['destination']);
    expect(acked.state).toBe('inTransit');
    const again = await transportEvent(t, 'eeb-xy', draft.id, { type: 'ACKNOWLEDGE' });
    expect([again.status, again.body.guard]).toEqual([422, 'sidesNotYetAcknowledged']);
  });

  it('shows the setting to an administrator', async () => {
    const res = await t.http.get('/admin/settings').set(await t.as('admin')).expect(200);
    const items = (Array.isArray(res.body) ? res.body : res.body.items ?? res.body.settings) as { key: string; value: unknown }[];
    expect(items.find((s) => s.key === 'transport.acknowledgeBeforeDispatch')?.value).toBe('none');
  });
});
