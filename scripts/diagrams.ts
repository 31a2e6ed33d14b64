import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CURRENT_VERSION,
  getMachine,
  toMermaid,
  type MachineName,
} from '../workflows';

/**
 * Writes docs/<machine>.v<version>.md: the statechart of each workflow as a
 * Mermaid diagram generated from its definition. Run from the repository root
 * (`npm run diagrams`); the output depends only on the definitions, so a
 * second run changes nothing.
 */
const TITLES: Record<MachineName, string> = {
  'plot-lifecycle': '污染地块全生命周期 · Contaminated-site lifecycle',
  'soil-transport': '污染土壤转运 · Contaminated-soil transport',
};

function diagramPage(name: MachineName): { file: string; text: string } {
  const version = CURRENT_VERSION[name];
  const { machine, stateLabel } = getMachine(name, version);
  const text = [
    `# ${TITLES[name]} (\`${name}\` v${version})`,
    '',
    `Generated from \`workflows/${name}/v${version}/machine.ts\` by \`npm run diagrams\`; do not edit by hand.`,
    'Edges read `EVENT [guard]`; a state\'s Chinese label is shown beside its name.',
    '',
    '```mermaid',
    toMermaid(machine, { stateLabel }).trimEnd(),
    '```',
    '',
  ].join('\n');
  return { file: `${name}.v${version}.md`, text };
}

const docs = join(process.cwd(), 'docs');
mkdirSync(docs, { recursive: true });
for (const name of Object.keys(CURRENT_VERSION) as MachineName[]) {
  const { file, text } = diagramPage(name);
  writeFileSync(join(docs, file), text);
  console.log(`wrote docs/${file}`);
}
