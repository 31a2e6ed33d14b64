import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramPage } from './diagram-page';
import { CURRENT_VERSION, type MachineName } from './registry';

describe('diagrams in docs/', () => {
  it.each(Object.keys(CURRENT_VERSION) as MachineName[])('docs/ holds the diagram generated from %s as it is now (npm run diagrams gives no diff)', (name) => {
    const { file, text } = diagramPage(name);
    expect(readFileSync(join(__dirname, '..', 'docs', file), 'utf8')).toBe(text);
  });
});
