import { toMermaid } from './mermaid';
import { CURRENT_VERSION, getMachine, type MachineName } from './registry';

const TITLES: Record<MachineName, string> = {
  'plot-lifecycle': '污染地块全生命周期 · Contaminated-site lifecycle',
  'soil-transport': '污染土壤转运 · Contaminated-soil transport',
  'key-unit': '土壤污染重点监管单位 · Key supervised unit for soil pollution',
  'monitoring-warning': '土壤环境监测预警 · Soil monitoring early warning',
  'public-report': '12369 公众举报 · Public report of soil pollution',
};

/**
 * The page docs/<machine>.v<version>.md: the statechart of a workflow as a
 * Mermaid diagram generated from its definition. It depends only on the
 * definition, so regenerating it changes nothing unless the machine changed.
 */
export function diagramPage(name: MachineName): { file: string; text: string } {
  const version = CURRENT_VERSION[name];
  const { machine, stateLabel } = getMachine(name, version);
  const text = [
    `# ${TITLES[name]} (\`${name}\` v${version})`,
    '',
    `Generated from \`workflows/${name}/v${version}/machine.ts\` by \`npm run diagrams\`; do not edit by hand.`,
    "Edges read `EVENT [guard]`; a state's Chinese label is shown beside its name.",
    '',
    '```mermaid',
    toMermaid(machine, { stateLabel }).trimEnd(),
    '```',
    '',
  ].join('\n');
  return { file: `${name}.v${version}.md`, text };
}
