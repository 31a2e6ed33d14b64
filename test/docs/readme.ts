import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './commands';

/** README.md as the tests read it: its sections, its shell blocks and the commands in them. */

export function readme(): string {
  return readFileSync(join(ROOT, 'README.md'), 'utf8');
}

/** The text of the `## ` section whose heading starts with `heading`, up to the next `## `. */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## ${heading}`));
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The contents of every ```sh fence (also inside list items), without the fence's indentation. */
export function shBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^( *)```sh\n([\s\S]*?)\n *```$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) {
    const indent = m[1].length;
    blocks.push(m[2].split('\n').map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n'));
  }
  return blocks;
}

/**
 * The commands of a shell block, one string each: lines joined where a
 * command goes on (a trailing backslash, or a quote still open), comment lines
 * left out.
 */
export function shellCommands(block: string): string[] {
  const commands: string[] = [];
  let current = '';
  let quote: "'" | '"' | undefined;
  for (const line of block.split('\n')) {
    if (!current && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    current += current ? `\n${line}` : line;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (!quote && c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break; // a comment to the end of the line
      if (quote === "'" ? c === "'" : quote === '"' ? c === '"' && line[i - 1] !== '\\' : c === "'" || c === '"') {
        quote = quote ? undefined : (c as "'" | '"');
      }
    }
    if (quote || current.endsWith('\\')) continue;
    commands.push(current);
    current = '';
  }
  if (current) throw new Error(`a command of the block is not closed: ${current}`);
  return commands;
}

/** Every `npm run NAME` that README names, in blocks and in running text. */
export function npmRunNames(markdown: string): string[] {
  return Array.from(new Set(Array.from(markdown.matchAll(/npm run ([\w:-]+)/g), (m) => m[1])));
}
