import { candidateEvents, decisionStepOf, plotLifecyclePolicyV2 as plotLifecyclePolicy, registry, workForState } from '../workflows';
import { DecisionConfig } from '../src/decisions/decision-config';
import { DEMO_USERS } from '../src/demo/demo-directory';
import { jurisdictionCovers } from '../src/common/jurisdiction';
import { describeEachDatabase } from './helpers/databases';
import { startTestApp, type TestApp } from './helpers/test-app';
import { fullLifecycle, startJourney } from './factories/lifecycle';

/** A valid payload for every event, so that refusals come from policy or state, never from validation. */
function payloadFor(type: string, t: TestApp, reportId: string): Record<string, unknown> {
  const org = t.demo.organisations;
  const payloads: Record<string, Record<string, unknown>> = {
    ISSUE_INVESTIGATION_NOTICE: { dueDate: '2026-12-31' },
    ASSIGN_CONSULTANT: { orgId: org.consultant2, work: 'investigation' },
    SUBMIT_REPORT: { reportId },
    APPROVE: { opinion: '同意' },
    RETURN: { reason: '补充材料' },
    SET_PRIORITY: { rank: 2, negativeList: ['住宅'] },
    FILE_CONTROL_PLAN: { reportId },
    FILE_REMEDIATION_PLAN: { reportId },
    SUBMIT_MONITORING_REPORT: { reportId },
    SUBMIT_REVISION: { reportId },
    FORWARD: { note: '报送' },
    FORM_PANEL: { experts: [{ name: '某专家', organisationId: org.institute }] },
    RECORD_EXPERT_OPINION: { expertIndex: 0, opinion: '同意' },
    CONCLUDE_PANEL: { conclusion: 'pass', summary: '通过' },
    ACCEPT_REVISION: { note: '已确认' },
    RECORD_DECISION: { documentNumber: '豫环审〔2026〕1号', decisionDate: '2026-01-05', outcome: 'approved', scanReportId: reportId },
    RECORD_DISCLOSURE: { work: 'investigation', publishedOn: '2026-01-05', place: '网站' },
    SET_SITE_VALUE: { cas: '16984-48-8', name: '氟化物', medium: 'soil', value: 2000, unit: 'mg/kg', source: '风险评估报告' },
    TAKE_BACK: { documentNumber: '上自然资收〔2026〕1号', decidedOn: '2026-01-05', organiserOrganisationId: org.holder2, formerHolderResponsible: false },
    TRANSFER: { contractNumber: 'HT-2026-001', transferredOn: '2026-01-05', transfereeOrganisationId: org.holder2 },
    RECORD_RESPONSIBLE_PARTY: { status: 'unidentifiable', documentNumber: '上环认〔2026〕1号', decidedOn: '2026-01-05' },
    REOPEN: { reason: 'useChange', plannedUse: '住宅', note: '规划调整为住宅' },
    ADD_AFTERCARE: { kind: 'institutionalControl', description: '禁止开采浅层地下水', dueOn: '2027-12-31' },
    FULFIL_AFTERCARE: { index: 0, note: '已设立标识' },
    PLACE_UNDER_CONTROL_ZONE: { noticeNumber: '上环告〔2026〕1号', signsPostedOn: '2026-01-05', monitoring: [{ medium: 'soil', intervalMonths: 12 }] },
    RECORD_ZONE_MONITORING: { reportId, medium: 'soil' },
    START_WORKS: {
      noticeBoard: { project: 'p', contractorOrganisationId: org.contractor, measures: 'm', contact: 'c', startDate: '2026-12-01', endDate: '2027-01-01' },
    },
  };
  return { type, ...(payloads[type] ?? {}) };
}

/** The deciding body's own bureau, or — where it decides outside the system — the district's, which records it. */
function actsFor(body: { bureaus: string[]; jurisdiction: string; mode: string } | null, who: Who): boolean {
  if (body === null || !body.bureaus.includes(who.role)) return false;
  return who.jurisdiction === (body.mode === 'recorded' ? '410106' : body.jurisdiction);
}

interface Who {
  username: string;
  role: string;
  organisationId: string;
  jurisdiction: string | null;
}

describeEachDatabase('authorisation matrix: every event × every demo user in every state of the lifecycle', (target) => {
  let t: TestApp;
  // Every event × every user × every state: about 180 s on real PostgreSQL and past jest's 300 s default on the embedded
  // database of a busy two-core machine; the bound is against a hang, not a figure to meet.
  const MATRIX_TIMEOUT_MS = 900_000;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  it('exactly the events the policy allows get through, the deciding body of each step by its level (DESIGN §1.1); each refusal has its status (404 unseen, 403 policy, 409 state)', async () => {
    const journey = await startJourney(t);
    const events = Object.keys(plotLifecyclePolicy) as Array<keyof typeof plotLifecyclePolicy>;
    // Which body decides each step (reference/decision-steps.json), as the engine reads it.
    const decisions = DecisionConfig.load();
    const decidingFor = (type: string, state: string) => {
      const step = decisionStepOf(type, state);
      return step === null ? null : decisions.decidingBody(step, '410106');
    };
    const jurisdictionOf: Record<string, string | null> = {
      eeb: '410106', land: '410106', 'eeb-xy': '410182', 'eeb-city': '410100', 'land-city': '410100', 'eeb-prov': '410000', 'land-prov': '410000',
    };
    const users: Who[] = DEMO_USERS.map((u) => ({
      username: u.username,
      role: u.role,
      organisationId: t.demo.organisations[u.org],
      jurisdiction: jurisdictionOf[u.username] ?? null,
    }));
    let checked = 0;
    const states = new Set<string>();
    for (const step of [...fullLifecycle(t), undefined]) {
      const [row] = await t.ds.query(`SELECT state, snapshot, machine_name, machine_version FROM plots WHERE id = $1`, [journey.plotId]);
      const commissions: Array<{ work: string; organisation_id: string }> = await t.ds.query(
        `SELECT work, organisation_id FROM plot_commissions WHERE plot_id = $1`,
        [journey.plotId],
      );
      const { snapshot } = registry.restore({ machine: row.machine_name, version: row.machine_version, snapshot: row.snapshot });
      const candidates = candidateEvents(snapshot);
      const work = workForState(row.state);
      const panelUsers = ((snapshot.context as { review?: { panel?: { experts: { userId: string | null }[] } | null } }).review?.panel?.experts ?? [])
        .map((e) => e.userId);
      const members: Array<{ user_id: string }> = await t.ds.query(`SELECT user_id FROM plot_panel_members WHERE plot_id = $1`, [journey.plotId]);
      // Every state once: the steps inside a review round keep the state, and the round's own rules are the guards'.
      const fresh = !states.has(row.state);
      states.add(row.state);
      for (const who of fresh ? users : []) {
        const visible =
          who.role === 'admin' ||
          // A bureau sees the plots of its jurisdiction's subtree (DESIGN §1.1); it sends the events of its own jurisdiction only.
          (['eeb', 'land'].includes(who.role) && jurisdictionCovers(who.jurisdiction, '410106')) ||
          (who.role === 'holder' && who.organisationId === t.demo.organisations.holder) ||
          (who.role === 'consultant' && commissions.some((c) => c.organisation_id === who.organisationId)) ||
          // An expert sees the plots of the panels it was named on.
          (who.role === 'expert' && members.some((m) => m.user_id === t.demo.users[who.username]));
        const view = await t.http.get(`/plots/${journey.plotId}`).set(await t.as(who.username));
        expect(view.status).toBe(visible ? 200 : 404);
        const refusals: Array<{ type: string; expected: number }> = [];
        for (const type of events) {
          const entry = plotLifecyclePolicy[type];
          const rule = entry.scope[who.role as keyof typeof entry.scope];
          const scoped =
            rule === 'ownOrganisation' ? who.organisationId === t.demo.organisations.holder :
            // The journey's land is never taken back or transferred: the holder carries every duty.
            rule === 'dutyBearer' ? who.organisationId === t.demo.organisations.holder :
            rule === 'jurisdiction' ? who.jurisdiction === '410106' :
            rule === 'assignedConsultant' ? commissions.some((c) => c.organisation_id === who.organisationId && (work === null || c.work === work)) :
            rule === 'decidingBody' ? actsFor(decidingFor(type, row.state), who) :
            rule === 'recordingDistrict' ? decidingFor(type, row.state)?.mode === 'recorded' && who.jurisdiction === '410106' :
            rule === 'panelMember' ? panelUsers.includes(t.demo.users[who.username]) :
            false;
          const permitted = entry.roles.includes(who.role as never) && scoped;
          const expected = !visible ? 404 : !permitted ? 403 : !candidates.includes(type) ? 409 : 'allowed';
          if (expected === 'allowed') {
            // Allowed events are listed for the caller unless a guard that needs no client data refuses them now.
            continue;
          }
          if (visible) expect(view.body.allowedEvents).not.toContain(type);
          refusals.push({ type, expected });
        }
        // Refused requests write nothing, so a user's are sent together; one that got through fails the test.
        const auth = await t.as(who.username);
        const answers = await Promise.all(
          refusals.map(({ type }) =>
            t.http.post(`/plots/${journey.plotId}/events`).set(auth)
              .send(payloadFor(type, t, journey.reports.preliminary_investigation ?? '00000000-0000-4000-8000-000000000000')),
          ),
        );
        refusals.forEach(({ type, expected }, i) => {
          const res = answers[i];
          if (res.status !== expected) {
            throw new Error(`${row.state}: ${who.username} ${type} expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
          }
          checked++;
        });
      }
      if (step) await step.run(t, journey);
    }
    expect([...states]).toEqual(expect.arrayContaining(['suspected', 'listed.prioritization', 'listed.removalReview', 'listed.removalPublicity', 'released']));
    expect(checked).toBeGreaterThan(3000);
    const [{ state }] = await t.ds.query(`SELECT state FROM plots WHERE id = $1`, [journey.plotId]);
    expect(state).toBe('released');
  }, MATRIX_TIMEOUT_MS);
});
