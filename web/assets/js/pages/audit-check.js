// 审计链核验: recomputes the audit chains the caller may see (an administrator's: all, with the upgrade seal and the
// daily digests; a bureau's: its jurisdiction's) and says in words whether every record is as it was written.
import { get } from '../api.js';
import { add, fill, h } from '../dom.js';
import { number } from '../format.js';
import { section } from '../widgets.js';

const ENTITY_LABELS = { plot: '地块', transport: '转运批次', key_unit: '重点监管单位', warning: '监测预警', public_report: '公众举报' };

function verdict(res) {
  const scope = res.scope === 'all' ? '全部审计链' : '本辖区的审计链';
  const counted = `共核验 ${number(res.checked, 0)} 条记录、${number(res.chains, 0)} 条审计链${res.digestsChecked ? `、${number(res.digestsChecked, 0)} 份每日摘要` : ''}。`;
  if (res.valid) {
    return h('div', { class: 'notice notice-ok', role: 'status', 'data-testid': 'audit-result' },
      h('p', {}, h('strong', {}, `${scope}完好：每条记录已核验，未发现改动。`)), h('p', {}, counted));
  }
  const lines = [];
  const b = res.firstBroken;
  if (b) lines.push(`${ENTITY_LABELS[b.entityType] ?? '记录'}的审计链第 ${b.seq} 条被改动或缺失：${b.reason}`);
  if (res.sealBroken) lines.push(`升级封存记录不符：${res.sealBroken.reason}`);
  if (res.digestBroken) lines.push(`${res.digestBroken.date} 的每日摘要不符：${res.digestBroken.reason}`);
  return h('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'audit-result' },
    h('p', {}, h('strong', {}, `${scope}被改动，请立即报告系统管理员。`)),
    lines.map((l) => h('p', {}, l)),
    h('p', {}, `核验在发现改动处停止，此前已核验 ${number(res.checked, 0)} 条记录。`),
    b?.plotId ? h('p', {}, h('a', { href: `/app/plots/${b.plotId}` }, '查看该地块')) : null);
}

export async function render(root, ctx) {
  ctx.setTitle('审计链核验');
  add(root, h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, '审计链核验')));
  if (!['admin', 'eeb', 'land'].includes(ctx.me.role)) {
    add(root, h('div', { class: 'notice notice-info' }, '审计链核验由系统管理员和生态环境、自然资源主管部门使用。'));
    return;
  }
  const all = ctx.me.role === 'admin';
  const result = h('div', { 'aria-live': 'polite' });
  const progress = h('p', { class: 'small', role: 'status', 'data-testid': 'audit-progress' });
  const run = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { testid: 'audit-run' },
    on: {
      click: async () => {
        run.disabled = true;
        fill(result);
        const started = Date.now();
        const tick = () => (progress.textContent = `正在逐条重算审计链……已用时 ${Math.round((Date.now() - started) / 1000)} 秒`);
        tick();
        const timer = setInterval(tick, 1000);
        try {
          const res = await get('/audit/verify');
          if (!ctx.isCurrent()) return;
          progress.textContent = `核验完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`;
          fill(result, verdict(res));
        } catch (e) {
          progress.textContent = '';
          fill(result, h('div', { class: 'notice notice-error', role: 'alert' }, `核验未能完成：${e.message}`));
        } finally {
          clearInterval(timer);
          run.disabled = false;
        }
      },
    },
  }, all ? '核验全部审计链' : '核验本辖区审计链');
  add(root, section('核验',
    h('p', {}, all
      ? '重新计算每个地块、转运批次、重点监管单位、监测预警和公众举报的审计链，以及升级封存记录和每日摘要；任何一条记录被改动、删除或插入都会被指出。记录多时需要几分钟。'
      : '重新计算本辖区地块及其转运批次的审计链；任何一条记录被改动、删除或插入都会被指出。'),
    h('p', {}, run), progress, result));
}
