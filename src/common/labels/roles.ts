// Shared by the API and the web console (web/tsconfig.json maps @shared/* here): data only, no Node, no DOM.
import type { Role } from '../../../workflows/types';

/** Each role as a person reads it (the organisation kind of the same name). */
export const ROLE_LABELS: Record<Role, string> = {
  eeb: '生态环境局',
  land: '自然资源局',
  miit: '工业和信息化局',
  holder: '土地使用权人',
  consultant: '第三方机构',
  expert: '评审专家',
  admin: '系统管理员',
};
