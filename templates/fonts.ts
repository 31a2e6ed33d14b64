import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Noto Sans SC (OFL), full static TTFs; pdfkit embeds only the glyphs used.
export const FONT = { regular: 'cjk', bold: 'cjk-bold' } as const;

const FILES = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
} as const;

// The subset of a fontkit font that pdfkit uses; pdfkit accepts any object with layout().
export interface ParsedFont {
  postscriptName: string;
  layout(text: string, features?: unknown): unknown;
}

type FontSet = { regular: ParsedFont; bold: ParsedFont };

let bytes: { regular: Buffer; bold: Buffer } | undefined;
let parsed: FontSet | undefined;

function fontDirectory(): string {
  return dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
}

// Raw font files, read once per process (~10.5 MB each).
export function cjkFontBytes(): { regular: Buffer; bold: Buffer } {
  if (!bytes) {
    const dir = fontDirectory();
    bytes = { regular: readFileSync(join(dir, FILES.regular)), bold: readFileSync(join(dir, FILES.bold)) };
  }
  return bytes;
}

// Given a Buffer, pdfkit calls fontkit.create() for every document, and the
// new font object re-reads cmap, loca, glyf and the layout tables on first use
// (a one-page filing then takes 2–3× as long). A parsed font object is accepted as
// is, and fontkit caches the decoded tables and glyphs on it, so we parse once
// and share it. The fontkit used is pdfkit's own, whatever the hoisting.
// Sharing is safe: a filing is drawn and ended (subset embedded) synchronously,
// so two documents never use the font object at the same time.
function parseFonts(): FontSet {
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
    create(data: Uint8Array): ParsedFont;
  };
  const raw = cjkFontBytes();
  return { regular: fontkit.create(raw.regular), bold: fontkit.create(raw.bold) };
}

export function cjkFonts(): FontSet {
  parsed ??= parseFonts();
  return parsed;
}

// pdfkit's typings accept only file names and byte buffers, not the parsed font it also takes.
type FontSource = Parameters<PDFKit.PDFDocument['registerFont']>[1];

export function registerCjkFonts(doc: PDFKit.PDFDocument, mode: 'parsed' | 'bytes' = 'parsed'): void {
  const fonts = mode === 'parsed' ? cjkFonts() : cjkFontBytes();
  doc.registerFont(FONT.regular, fonts.regular as unknown as FontSource);
  doc.registerFont(FONT.bold, fonts.bold as unknown as FontSource);
}
