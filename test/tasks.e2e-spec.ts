import { DeadlineSweep } from '../src/deadlines/deadline-sweep';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, startJourney, type Journey, type Step } from './factories/lifecycle';
import { registerPlot, send } from './factories/plots';
import { openTransport, sendTransport, transportPlan } from './factories/transports';

interface Task {
  kind: 'plot' | 'transport';
  id: string;
  plotId: string;
  code: string;
  state: string;
  stateLabel: string;
  events: string[];
  overdue: boolean;
  dueDate?: string;
}

const USERS = ['eeb', 'land', 'eeb-xy', 'eeb-city', 'eeb-prov', 'land-prov', 'holder', 'holder2', 'consultant', 'consultant2', 'expert1', 'admin'] as const;

describeEachDatabase('to-do lists (GET /me/tasks) per demo user', (target) => {
  let t: TestApp;
  const clock = new FakeClock('2026-06-01');
  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
  });
  afterAll(() => t?.close());

  async function tasks(user: string): Promise<Task[]> {
    const res = await t.http.get('/me/tasks').set(await t.as(user)).expect(200);
    return res.body.items;
  }

  /** Each demo user's pending events on one plot (its transports included), e.g. { eeb: ['plot:APPROVE'] }. */
  async function board(plotId: string): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const user of USERS) {
      const mine = (await tasks(user)).filter((i) => i.plotId === plotId);
      const events = mine.flatMap((i) => i.events.map((e) => `${i.kind}:${e}`)).sort();
      if (events.length) out[user] = events;
    }
    return out;
  }

  it('follows a plot through the law: each user sees exactly what awaits them', async () => {
    const j: Journey = await startJourney(t);
    const steps = fullLifecycle(t);
    const upTo = async (done: { n: number }, event: string, nth = 1) => {
      let seen = 0;
      while (done.n < steps.length) {
        const step: Step = steps[done.n];
        if (step.event === event && ++seen === nth) return;
        await step.run(t, j);
        done.n++;
      }
      throw new Error(`no step ${event}`);
    };
    const done = { n: 0 };
    expect(await board(j.plotId)).toEqual({ eeb: ['plot:ISSUE_INVESTIGATION_NOTICE'], holder: ['plot:ASSIGN_CONSULTANT'] });
    await upTo(done, 'START_INVESTIGATION');
    expect(await board(j.plotId)).toEqual({ holder: ['plot:START_INVESTIGATION'] });
    const holderTask = (await tasks('holder')).find((i) => i.plotId === j.plotId)!;
    expect(holderTask).toMatchObject({ kind: 'plot', code: expect.any(String), stateLabel: '疑似污染地块', overdue: false, dueDate: '2026-09-01' });
    await upTo(done, 'SUBMIT_REPORT');
    expect(await board(j.plotId)).toEqual({ consultant: ['plot:SUBMIT_REPORT'] });
    // 环办土壤〔2019〕63号: the district's bureaus organise the expert review before they decide.
    await upTo(done, 'FORM_PANEL');
    expect(await board(j.plotId)).toEqual({ eeb: ['plot:FORM_PANEL'], land: ['plot:FORM_PANEL'] });
    await steps[done.n++].run(t, j);
    expect(await board(j.plotId)).toEqual({
      eeb: ['plot:RECORD_EXPERT_OPINION'], land: ['plot:RECORD_EXPERT_OPINION'], expert1: ['plot:RECORD_EXPERT_OPINION'],
    });
    await upTo(done, 'CONCLUDE_PANEL');
    expect(await board(j.plotId)).toEqual({ eeb: ['plot:CONCLUDE_PANEL'], land: ['plot:CONCLUDE_PANEL'] });
    await upTo(done, 'APPROVE');
    // 会同: both bureaus review; RETURN goes with APPROVE and is not listed on its own.
    expect(await board(j.plotId)).toEqual({ eeb: ['plot:APPROVE'], land: ['plot:APPROVE'] });
    await steps[done.n++].run(t, j);
    expect(await board(j.plotId)).toEqual({ land: ['plot:APPROVE'] });
    await upTo(done, 'ASSIGN_CONSULTANT', 1);
    expect(await board(j.plotId)).toEqual({ holder: ['plot:ASSIGN_CONSULTANT'] });
    // 土壤法第六十条: the risk assessment goes to the province, through the district (报送).
    await upTo(done, 'FORWARD');
    expect(await board(j.plotId)).toEqual({ eeb: ['plot:FORWARD'] });
    await steps[done.n++].run(t, j);
    expect(await board(j.plotId)).toEqual({ 'eeb-prov': ['plot:FORM_PANEL'], 'land-prov': ['plot:FORM_PANEL'] });
    await upTo(done, 'APPROVE');
    expect(await board(j.plotId)).toEqual({ 'eeb-prov': ['plot:APPROVE'], 'land-prov': ['plot:APPROVE'] });
    await upTo(done, 'SET_PRIORITY');
    expect(await board(j.plotId)).toEqual({ land: ['plot:SET_PRIORITY'] });
    await upTo(done, 'ACKNOWLEDGE_FILING');
    expect(await board(j.plotId)).toEqual({ eeb: ['plot:ACKNOWLEDGE_FILING'] });
    await upTo(done, 'COMPLETE_WORKS');
    expect(await board(j.plotId)).toEqual({ holder: ['plot:COMPLETE_WORKS'] });

    clock.at('2026-06-01');
    const transport = await openTransport(t, j.plotId);
    expect(await board(j.plotId)).toEqual({ holder: ['transport:SUBMIT'] });
    await sendTransport(t, 'holder', transport.id, transportPlan('2026-06-15'));
    expect(await board(j.plotId)).toEqual({ eeb: ['transport:ACKNOWLEDGE'], 'eeb-xy': ['transport:ACKNOWLEDGE'] });
    const xy = (await tasks('eeb-xy')).find((i) => i.id === transport.id)!;
    expect(xy).toMatchObject({ kind: 'transport', plotId: j.plotId, state: 'filed', dueDate: '2026-06-15', overdue: false });
    await sendTransport(t, 'eeb', transport.id, { type: 'ACKNOWLEDGE' });
    expect(await board(j.plotId)).toEqual({ 'eeb-xy': ['transport:ACKNOWLEDGE'] });
    await sendTransport(t, 'eeb-xy', transport.id, { type: 'ACKNOWLEDGE' });
    clock.at('2026-06-15');
    expect(await board(j.plotId)).toEqual({ holder: ['transport:DISPATCH'] });
    await sendTransport(t, 'holder', transport.id, { type: 'CANCEL', reason: '改为原址修复' });
    expect(await board(j.plotId)).toEqual({ holder: ['plot:COMPLETE_WORKS'] });
    expect(await tasks('admin')).toEqual([]);
  });

  it('a review past its time limit (reference/decision-steps.json, working days) is on the organising bureau\'s to-do and on the level above\'s', async () => {
    clock.at('2026-06-01');
    const j = await startJourney(t);
    const steps = fullLifecycle(t);
    let n = 0;
    while (steps[n].event !== 'FORM_PANEL') await steps[n++].run(t, j);
    const review = (await t.http.get(`/plots/${j.plotId}`).set(await t.as('eeb')).expect(200)).body.deadlines
      .find((d: { kind: string }) => d.kind === 'review');
    // 20 working days from Monday 2026-06-01, the Dragon Boat Festival (06-19) not counted.
    expect(review).toMatchObject({ dueDate: '2026-06-30', status: 'open' });
    clock.at('2026-07-01');
    await t.app.get(DeadlineSweep).run();
    for (const user of ['eeb', 'land', 'eeb-city']) {
      const item = (await tasks(user)).find((i) => i.plotId === j.plotId);
      expect({ user, item }).toMatchObject({ user, item: { overdue: true, dueDate: '2026-06-30' } });
    }
    expect((await tasks('eeb-xy')).find((i) => i.plotId === j.plotId)).toBeUndefined();
  });

  it('overdue items come first, and a bureau sees the overdue deadlines of its jurisdiction even with nothing to send', async () => {
    clock.at('2026-06-01');
    const late = await registerPlot(t);
    await send(t, 'eeb', late.id, { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: '2026-06-10' });
    const fresh = await registerPlot(t);
    clock.at('2026-06-20');
    await t.app.get(DeadlineSweep).run();
    const eeb = await tasks('eeb');
    expect(eeb[0]).toMatchObject({ plotId: late.id, overdue: true, dueDate: '2026-06-10', events: [] });
    expect(eeb.find((i) => i.plotId === fresh.id)).toMatchObject({ overdue: false, events: ['ISSUE_INVESTIGATION_NOTICE'] });
    const overdueFlags = eeb.map((i) => i.overdue);
    expect(overdueFlags).toEqual([...overdueFlags].sort((a, b) => Number(b) - Number(a)));
    const holder = await tasks('holder');
    expect(holder[0]).toMatchObject({ plotId: late.id, overdue: true, events: ['ASSIGN_CONSULTANT'] });
    expect((await tasks('eeb-xy')).find((i) => i.plotId === late.id)).toBeUndefined();
    expect((await tasks('land')).find((i) => i.plotId === late.id)).toMatchObject({ overdue: true, events: [] });
  });
});
