// Test support: reads rendered PDFs back with poppler-utils (pdftotext, pdffonts).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function popplerAvailable(): boolean {
  return spawnSync('pdftotext', ['-v']).error === undefined;
}

// On CI a missing poppler is a broken build, not a reason to skip.
export function popplerOrSkip(): boolean {
  const available = popplerAvailable();
  if (!available && process.env.CI === 'true') {
    throw new Error('pdftotext is missing: apt-get install -y poppler-utils');
  }
  return available;
}

function withTempPdf<T>(pdf: Buffer, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'filing-pdf-'));
  const file = join(dir, 'doc.pdf');
  try {
    writeFileSync(file, pdf);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Text of every page, in order (pdftotext separates pages with a form feed).
export function pdfPages(pdf: Buffer): string[] {
  const text = withTempPdf(pdf, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  const pages = text.split('\f');
  return pages[pages.length - 1].trim() === '' ? pages.slice(0, -1) : pages;
}

// Whitespace removed, so that text wrapped over lines or spread by layout still matches.
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

export interface EmbeddedFont {
  name: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(pdf: Buffer): EmbeddedFont[] {
  const out = withTempPdf(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out.split('\n').slice(2).filter((l) => l.trim()).map((l) => {
    const cols = l.trim().split(/\s+/);
    // name, type and encoding (both may contain spaces), then emb sub uni object-id generation
    const [emb, sub] = cols.slice(-5, -3);
    return { name: cols[0], embedded: emb === 'yes', subset: sub === 'yes' };
  });
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
