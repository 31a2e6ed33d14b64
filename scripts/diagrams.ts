import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENT_VERSION, type MachineName } from '../workflows';
import { diagramPage } from '../workflows/diagram-page';

/** Writes docs/<machine>.v<version>.md for every workflow (`npm run diagrams`, from the repository root). */
const docs = join(process.cwd(), 'docs');
mkdirSync(docs, { recursive: true });
for (const name of Object.keys(CURRENT_VERSION) as MachineName[]) {
  const { file, text } = diagramPage(name);
  writeFileSync(join(docs, file), text);
  console.log(`wrote docs/${file}`);
}
