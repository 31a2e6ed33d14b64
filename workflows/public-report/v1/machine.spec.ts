import { getShortestPaths } from 'xstate/graph';
import { transitionFor } from '../../snapshots';
import { registry } from '../../registry';
import { publicReportV1 } from './machine';
import { guardReason } from './labels';
import { publicReportPolicy, publicReportStart, PUBLIC_SENDER } from './policy';
import type { PublicReportEvent } from './events';

const actor = { userId: 'u-eeb', role: 'eeb' as const, organisationId: 'org-eeb' };
const today = '2026-05-10';
const e = (event: Record<string, unknown>) => ({ actor, today, ...event }) as unknown as PublicReportEvent;
const initial = () => publicReportV1.resolveState({ value: 'received', context: { reportId: 'r1', jurisdiction: '410106', receivedOn: '2026-05-01', officer: null, siteCheckOn: null, findings: null, measures: null, reply: null, repliedOn: null, reward: null, link: null, suspectedPlotProposal: null } });
function drive(events: Record<string, unknown>[]) {
  let s = initial();
  for (const ev of events) {
    const { next, changed } = transitionFor(publicReportV1, s as never, e(ev) as never);
    if (!changed) throw new Error(`${String(ev.type)} not accepted in ${String(s.value)}`);
    s = next as never;
  }
  return s;
}
const accepted = (s: ReturnType<typeof initial>, ev: Record<string, unknown>) => transitionFor(publicReportV1, s as never, e(ev) as never).changed;

const HAPPY = [
  { type: 'ASSIGN', officer: '王科员' },
  { type: 'RECORD_SITE_CHECK', checkedOn: '2026-05-03', findings: '现场发现废液倾倒痕迹' },
  { type: 'RECORD_HANDLING', measures: '责令清理并立案调查' },
  { type: 'REPLY', reply: '经核查属实，已责令清理并立案' },
  { type: 'RECORD_REWARD', granted: false, reason: '匿名举报，不予奖励' },
  { type: 'CLOSE' },
];

describe('public-report v1 (12369 公众举报, 土壤法第八十四条)', () => {
  it('every state is reachable (received → assigned → siteCheck → handled → replied → closed)', () => {
    const paths = getShortestPaths(publicReportV1, {
      input: { reportId: 'r1', jurisdiction: '410106', receivedOn: '2026-05-01' },
      events: HAPPY.map((h) => e(h)) as never,
    });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(['assigned', 'closed', 'handled', 'received', 'replied', 'siteCheck']);
    expect(drive(HAPPY).value).toBe('closed');
  });

  it('土壤法第八十四条 (对实名举报并查证属实的，给予奖励): the case closes only once the reward is decided, granted or denied with its reason', () => {
    const replied = drive(HAPPY.slice(0, 4));
    expect(accepted(replied, { type: 'CLOSE' })).toBe(false);
    expect(guardReason({ name: 'rewardDecided' })).toContain('土壤法第八十四条');
    expect(accepted(replied, { type: 'RECORD_REWARD', granted: true, reason: ' ' })).toBe(false);
    expect(accepted(replied, { type: 'RECORD_REWARD', granted: false, reason: '不属实', amountYuan: 500 })).toBe(false);
    const granted = drive([...HAPPY.slice(0, 4), { type: 'RECORD_REWARD', granted: true, reason: '实名举报，查证属实', amountYuan: 2000 }]);
    expect(granted.context.reward).toEqual({ granted: true, reason: '实名举报，查证属实', amountYuan: 2000 });
    expect(accepted(granted, { type: 'CLOSE' })).toBe(true);
  });

  it('土壤法第八十四条 (及时处理): the site check is dated between receipt and today, with what was found', () => {
    const assigned = drive(HAPPY.slice(0, 1));
    expect(accepted(assigned, { type: 'RECORD_SITE_CHECK', checkedOn: '2026-04-30', findings: '有' })).toBe(false);
    expect(accepted(assigned, { type: 'RECORD_SITE_CHECK', checkedOn: '2026-05-11', findings: '有' })).toBe(false);
    expect(accepted(assigned, { type: 'RECORD_SITE_CHECK', checkedOn: '2026-05-10', findings: '' })).toBe(false);
    expect(accepted(assigned, { type: 'RECORD_SITE_CHECK', checkedOn: '2026-05-10', findings: '有' })).toBe(true);
  });

  it('a case is linked to exactly one plot or unit found in the jurisdiction; a suspected plot is proposed once, with its reason (土壤法第五十九条)', () => {
    const s = drive(HAPPY.slice(0, 2));
    expect(accepted(s, { type: 'LINK', plotId: 'p1', linkFound: false })).toBe(false);
    expect(accepted(s, { type: 'LINK', plotId: 'p1', unitId: 'u1', linkFound: true })).toBe(false);
    expect(accepted(s, { type: 'LINK', plotId: 'p1', linkFound: true })).toBe(true);
    expect(accepted(s, { type: 'PROPOSE_SUSPECTED_PLOT', reason: '' })).toBe(false);
    const proposed = drive([...HAPPY.slice(0, 2), { type: 'PROPOSE_SUSPECTED_PLOT', reason: '原化工厂旧址，举报称有废液倾倒' }]);
    expect(proposed.context.suspectedPlotProposal).toEqual({ reason: '原化工厂旧址，举报称有废液倾倒', on: today });
    expect(accepted(proposed, { type: 'PROPOSE_SUSPECTED_PLOT', reason: '再次' })).toBe(false);
  });

  it('only the district 生态环境 bureau handles a case (土壤法第八十四条); only the public form starts one', () => {
    for (const entry of Object.values(publicReportPolicy)) expect(entry).toEqual({ roles: ['eeb'], scope: { eeb: 'jurisdiction' } });
    expect(publicReportStart.policy.roles).toEqual([PUBLIC_SENDER]);
    expect(['eeb', 'land', 'miit', 'holder', 'consultant', 'expert', 'admin']).not.toContain(PUBLIC_SENDER);
    expect(registry.getMachine('public-report', 1).stateLabel('closed')).toBe('已办结');
  });
});
