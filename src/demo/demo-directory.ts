import type { Role } from '../../workflows';

/** The demo directory (README): every role at once, password demo1234. */
export const DEMO_PASSWORD = 'demo1234';

export const DEMO_JURISDICTIONS = [
  { code: '410106', name: '郑州市上街区' },
  { code: '410182', name: '荥阳市' },
];

export const DEMO_ORGANISATIONS: Array<{ key: string; name: string; kind: Role; jurisdictionCode: string | null; shortName?: string }> = [
  { key: 'eeb', name: '郑州市上街区生态环境分局', kind: 'eeb', jurisdictionCode: '410106', shortName: '上环' },
  { key: 'land', name: '郑州市上街区自然资源局', kind: 'land', jurisdictionCode: '410106', shortName: '上资' },
  { key: 'eeb-xy', name: '荥阳市生态环境局', kind: 'eeb', jurisdictionCode: '410182', shortName: '荥环' },
  { key: 'holder', name: '上街区某铝业有限公司', kind: 'holder', jurisdictionCode: '410106' },
  { key: 'holder2', name: '上街区某碳素有限公司', kind: 'holder', jurisdictionCode: '410106' },
  { key: 'consultant', name: '某环境调查评估有限公司', kind: 'consultant', jurisdictionCode: null },
  { key: 'consultant2', name: '某修复效果评估有限公司', kind: 'consultant', jurisdictionCode: null },
  { key: 'contractor', name: '某土壤修复工程有限公司', kind: 'consultant', jurisdictionCode: null },
  { key: 'admin', name: '系统管理', kind: 'admin', jurisdictionCode: null },
];

export const DEMO_USERS: Array<{ username: string; displayName: string; role: Role; org: string }> = [
  { username: 'eeb', displayName: '王审查（上街区生态环境分局）', role: 'eeb', org: 'eeb' },
  { username: 'land', displayName: '李规划（上街区自然资源局）', role: 'land', org: 'land' },
  { username: 'eeb-xy', displayName: '赵监管（荥阳市生态环境局）', role: 'eeb', org: 'eeb-xy' },
  { username: 'holder', displayName: '张经理（某铝业）', role: 'holder', org: 'holder' },
  { username: 'holder2', displayName: '陈经理（某碳素）', role: 'holder', org: 'holder2' },
  { username: 'consultant', displayName: '刘工（调查评估）', role: 'consultant', org: 'consultant' },
  { username: 'consultant2', displayName: '周工（效果评估）', role: 'consultant', org: 'consultant2' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', org: 'admin' },
];
