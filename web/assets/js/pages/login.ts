import { api } from '../api.js';
import { add, h } from '../dom.js';
import { makeForm } from '../forms.js';
import { navigate, signedIn } from '../main.js';
import type { Me, PageContext } from '../page.js';

export async function render(root: HTMLElement, ctx: PageContext): Promise<void> {
  if (ctx.me) {
    navigate('/app/', { replace: true });
    return;
  }
  ctx.setTitle('登录');
  const msg = ctx.query.get('msg');
  const next = ctx.query.get('next');
  const form = makeForm({
    dataset: { testid: 'login-form' },
    fields: [
      { name: 'username', label: '用户名', required: true, autocomplete: 'username', maxLength: 64 },
      { name: 'password', label: '密码', type: 'password', required: true, autocomplete: 'current-password', maxLength: 256 },
    ],
    submitLabel: '登录',
    onSubmit: async (v) => {
      // The session comes back as an HttpOnly cookie shared by every tab; the token in the answer is for API clients.
      const res = await api<{ user: Me }>('POST', '/auth/login', { username: v.username, password: v.password });
      signedIn(res.user);
      // Only local console paths are followed after login.
      navigate(next && /^\/(app|verify|public)\b/.test(next) && !next.startsWith('//') ? next : '/app/', { replace: true });
    },
  });
  add(root, 
    h('section', { class: 'login-card card' },
      h('h1', { tabindex: '-1' }, '登录'),
      h('p', { class: 'muted' }, '生态环境局、自然资源局、土地使用权人、第三方机构和系统管理员使用本单位分配的账号登录。'),
      msg ? h('div', { class: 'notice notice-info', role: 'status' }, msg) : null,
      form),
    h('section', { class: 'login-public card' },
      h('h2', {}, '无需登录'),
      h('ul', { class: 'plain-list' },
        h('li', {}, h('a', { href: '/app/public/register' }, '建设用地土壤污染风险管控和修复名录（公示）')),
        h('li', {}, h('a', { href: '/verify' }, '备案文件真伪核验（输入或扫描文件上的 SHA-256 摘要）')))),
  );
  form.querySelector<HTMLInputElement>('input[name="username"]')?.focus();
}
