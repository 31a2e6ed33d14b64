import type { AdminChangeRow } from '../organisations/directory.repository';

// 变更记录: the administrator's changes in words; the API of /admin/changes keeps its codes for clients.
const ACTION_LABELS: Record<string, string> = {
  create: '新增', update: '修改', disable: '停用', 'reset-password': '重置密码',
};
const ENTITY_LABELS: Record<string, string> = {
  jurisdiction: '行政区划', organisation: '机构', user: '用户', calendar: '工作日历', setting: '系统设置', jurisdiction_boundary: '辖区边界',
};
const FIELD_LABELS: Record<string, string> = {
  code: '代码', name: '名称', parentCode: '上级行政区划', level: '层级', kind: '类别', jurisdictionCode: '行政区划',
  username: '用户名', displayName: '姓名', role: '角色', organisationId: '所属机构', disabled: '停用', shortName: '简称',
  creditCode: '统一社会信用代码', formerName: '曾用名', year: '年度', source: '来源', holidays: '放假日数', workdays: '调休上班日数',
  approximate: '示意边界', vertexCount: '界址点数', areaKm2: '面积（平方千米，约）', sha256: '边界数据 SHA-256',
};
const ROLE_LABELS: Record<string, string> = {
  eeb: '生态环境主管部门', land: '自然资源主管部门', miit: '工业和信息化主管部门', holder: '土地使用权人',
  consultant: '第三方机构', expert: '评审专家', admin: '系统管理员',
};

function valueText(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'role' && typeof value === 'string') return ROLE_LABELS[value] ?? value;
  if (value === null || value === undefined || value === '') return '（空）';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

export function toChangeLogEntry(row: AdminChangeRow) {
  const details = Object.entries(row.details ?? {})
    .filter(([key]) => !/password/i.test(key))
    .map(([key, value]) => ({
      label: FIELD_LABELS[key] ?? key,
      value: key === 'organisationId' && row.organisationName ? row.organisationName : valueText(key, value),
    }));
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    actor: row.actorName ?? '系统',
    action: ACTION_LABELS[row.action] ?? row.action,
    entity: ENTITY_LABELS[row.entity] ?? row.entity,
    // A jurisdiction's boundary names its jurisdiction (kept in the record: the log outlives renames).
    subject: row.subjectName ?? (typeof row.details?.name === 'string' ? row.details.name : row.entityId),
    details,
  };
}
