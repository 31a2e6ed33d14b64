import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { appDate } from './factories/lifecycle';
import { send } from './factories/plots';
import { openTransport, plotInRemediationWorks, sendTransport, transportEvent, transportPlan } from './factories/transports';

/**
 * 土壤法第六十八条: when the land-use right is taken back during remediation, the organiser carries the work on. The
 * plot's open soil transports go with it; the cancelled and closed ones keep the holder who filed them.
 */
describeEachDatabase('收回 during remediation: the open transports go with the plot', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
  });
  afterAll(() => t?.close());

  it('土壤法第六十八条: after 收回 the open transport is the organiser’s to file, the former holder still reads it and is refused 403; a cancelled one stays', async () => {
    const org = t.demo.organisations;
    const { plotId } = await plotInRemediationWorks(t);
    const open = await openTransport(t, plotId);
    const cancelled = await openTransport(t, plotId);
    await sendTransport(t, 'holder', cancelled.id, { type: 'CANCEL', reason: '计划改为场内处置' });

    await send(t, 'land', plotId, {
      type: 'TAKE_BACK', documentNumber: '上政土收〔2026〕21号', decidedOn: appDate(t), organiserOrganisationId: org.land, formerHolderResponsible: true,
    });

    const asFormer = await transportEvent(t, 'holder', open.id, transportPlan('2026-07-13'));
    expect(asFormer.status).toBe(403);
    const read = await t.http.get(`/transports/${open.id}`).set(await t.as('holder')).expect(200);
    expect(read.body.holderOrganisationId).toBe(org.land);
    const filed = await sendTransport(t, 'land', open.id, transportPlan('2026-07-13'));
    expect(filed).toMatchObject({ state: 'filed', holderOrganisationId: org.land });
    const kept = await t.http.get(`/transports/${cancelled.id}`).set(await t.as('holder')).expect(200);
    expect(kept.body).toMatchObject({ state: 'cancelled', holderOrganisationId: org.holder });

    // New transports are the plot's holder's to open: now the organiser, not the former holder.
    const next = await openTransport(t, plotId, 'land');
    expect(next.holderOrganisationId).toBe(org.land);
    const refused = await t.http.post(`/plots/${plotId}/transports`).set(await t.as('holder')).send({});
    expect(refused.status).toBe(403);
  });
});
