import type { Role } from '../../workflows';

/** The demo directory (DESIGN §7): every role at once, at every level of government, password demo1234. */
export const DEMO_PASSWORD = 'demo1234';

/** Parents before children; each is filed under its nearest registered ancestor (410000 → 410100 → 410106). */
export const DEMO_JURISDICTIONS = [
  { code: '410000', name: '河南省' },
  { code: '410100', name: '郑州市' },
  { code: '410106', name: '郑州市上街区' },
  { code: '410182', name: '荥阳市' },
];

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: Role;
  jurisdictionCode: string | null;
  shortName?: string;
  /** A name an older demo directory gave it: a database seeded then is renamed, not given a second one. */
  formerName?: string;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // 上街区 has the city bureau's 派出分局, not a district bureau of its own (DESIGN §1.1); 上环 stays its filing word.
  { key: 'eeb', name: '郑州市生态环境局上街分局', kind: 'eeb', jurisdictionCode: '410106', shortName: '上环', formerName: '郑州市上街区生态环境分局' },
  { key: 'land', name: '郑州市上街区自然资源局', kind: 'land', jurisdictionCode: '410106', shortName: '上资' },
  { key: 'miit', name: '郑州市上街区工业和信息化局', kind: 'miit', jurisdictionCode: '410106', shortName: '上工信' },
  { key: 'eeb-xy', name: '荥阳市生态环境局', kind: 'eeb', jurisdictionCode: '410182', shortName: '荥环' },
  { key: 'eebCity', name: '郑州市生态环境局', kind: 'eeb', jurisdictionCode: '410100', shortName: '郑环' },
  { key: 'landCity', name: '郑州市自然资源和规划局', kind: 'land', jurisdictionCode: '410100', shortName: '郑资规' },
  { key: 'eebProv', name: '河南省生态环境厅', kind: 'eeb', jurisdictionCode: '410000', shortName: '豫环' },
  { key: 'landProv', name: '河南省自然资源厅', kind: 'land', jurisdictionCode: '410000', shortName: '豫自然资' },
  { key: 'holder', name: '上街区某铝业有限公司', kind: 'holder', jurisdictionCode: '410106' },
  { key: 'holder2', name: '上街区某碳素有限公司', kind: 'holder', jurisdictionCode: '410106' },
  { key: 'consultant', name: '某环境调查评估有限公司', kind: 'consultant', jurisdictionCode: null },
  { key: 'consultant2', name: '某修复效果评估有限公司', kind: 'consultant', jurisdictionCode: null },
  { key: 'contractor', name: '某土壤修复工程有限公司', kind: 'consultant', jurisdictionCode: null },
  // 评审专家 sit on review panels with their own organisation (环办土壤〔2019〕63号).
  { key: 'institute', name: '某环境科学研究院', kind: 'expert', jurisdictionCode: null },
  { key: 'university', name: '某大学环境学院', kind: 'expert', jurisdictionCode: null },
  { key: 'admin', name: '系统管理', kind: 'admin', jurisdictionCode: null },
];

export const DEMO_USERS: Array<{ username: string; displayName: string; role: Role; org: string }> = [
  { username: 'eeb', displayName: '王审查（郑州市生态环境局上街分局）', role: 'eeb', org: 'eeb' },
  { username: 'land', displayName: '李规划（上街区自然资源局）', role: 'land', org: 'land' },
  { username: 'miit', displayName: '马科长（上街区工业和信息化局）', role: 'miit', org: 'miit' },
  { username: 'eeb-xy', displayName: '赵监管（荥阳市生态环境局）', role: 'eeb', org: 'eeb-xy' },
  { username: 'eeb-city', displayName: '郑处长（郑州市生态环境局）', role: 'eeb', org: 'eebCity' },
  { username: 'land-city', displayName: '冯科长（郑州市自然资源和规划局）', role: 'land', org: 'landCity' },
  { username: 'eeb-prov', displayName: '孙处长（河南省生态环境厅）', role: 'eeb', org: 'eebProv' },
  { username: 'land-prov', displayName: '吴处长（河南省自然资源厅）', role: 'land', org: 'landProv' },
  { username: 'holder', displayName: '张经理（某铝业）', role: 'holder', org: 'holder' },
  { username: 'holder2', displayName: '陈经理（某碳素）', role: 'holder', org: 'holder2' },
  { username: 'consultant', displayName: '刘工（调查评估）', role: 'consultant', org: 'consultant' },
  { username: 'consultant2', displayName: '周工（效果评估）', role: 'consultant', org: 'consultant2' },
  { username: 'expert1', displayName: '钱研究员（某环境科学研究院）', role: 'expert', org: 'institute' },
  { username: 'expert2', displayName: '何高工（某环境科学研究院）', role: 'expert', org: 'institute' },
  { username: 'expert3', displayName: '林教授（某大学环境学院）', role: 'expert', org: 'university' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', org: 'admin' },
];
