import { AWAITED, PUBLIC_REPORTS } from './public-report-reference';

describe('12369 deadlines (reference/public-reports.json)', () => {
  it('the reply is due 60 calendar days after receipt (《环保举报热线工作管理办法》环境保护部令第15号: 自受理之日起60日内办结)', () => {
    expect(PUBLIC_REPORTS.deadlines.reply.days).toBe(60);
    expect(PUBLIC_REPORTS.deadlines.reply.basis).toContain('环境保护部令第15号');
    expect(PUBLIC_REPORTS.deadlines.reply.basis).toContain('60日');
  });

  it('the earlier steps are the system\'s own rule, said so, each due before the next and before the reply', () => {
    const days = (['assign', 'siteCheck', 'handle', 'reply'] as const).map((k) => PUBLIC_REPORTS.deadlines[k].days);
    expect([...days].sort((a, b) => a - b)).toEqual(days);
    for (const k of ['assign', 'siteCheck', 'handle'] as const) expect(PUBLIC_REPORTS.deadlines[k].basis).toContain('本系统规则');
    expect(Object.values(AWAITED).sort()).toEqual(['assign', 'handle', 'reply', 'siteCheck']);
  });
});
