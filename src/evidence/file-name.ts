export const FILE_NAME_MAX_CHARS = 120;
// ext4 and most file systems allow 255 bytes per name; 120 CJK characters take 360.
export const FILE_NAME_MAX_BYTES = 240;
export const FALLBACK_FILE_NAME = 'report.pdf';

const ILLEGAL = /[<>:"/\\|?*]/g;
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu; // control chars, and format chars such as right-to-left overrides
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const EXTENSION = /\.[\p{L}\p{N}]{1,10}$/u;

/**
 * A file name safe to store and to send back in Content-Disposition: the base
 * name only (no directory part, no '..'), without control, format or characters
 * illegal on Windows or Unix, whitespace collapsed, at most 120 characters and
 * 240 UTF-8 bytes with the extension kept; 'report.pdf' when nothing is left.
 * Percent-encoding is decoded once first, so '%2e%2e%2f' cannot smuggle a path.
 */
export function sanitizeFileName(name: string): string {
  const decoded = decodePercentOnce(String(name ?? '')).normalize('NFC');
  const base = decoded.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/\s+/gu, ' ') // tabs and line breaks become spaces before other control chars go
    .replace(INVISIBLE, '')
    .replace(ILLEGAL, '')
    .replace(/\.{2,}/g, '.')
    .replace(/ {2,}/g, ' ');
  const trimmed = trimEdges(cleaned);
  if (trimmed === '') return FALLBACK_FILE_NAME;
  const safe = WINDOWS_DEVICE.test(trimmed.split('.')[0]) ? `_${trimmed}` : trimmed;
  const limited = limitLength(safe);
  return limited === '' ? FALLBACK_FILE_NAME : limited;
}

function decodePercentOnce(s: string): string {
  if (!/%[0-9a-f]{2}/i.test(s)) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// Leading dots would hide the file on Unix; Windows drops trailing dots and spaces.
function trimEdges(s: string): string {
  return s.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

function limitLength(name: string): string {
  if (fits(name)) return name;
  const match = EXTENSION.exec(name);
  const ext = match && match.index > 0 ? match[0] : '';
  const stem = [...name.slice(0, name.length - ext.length)].slice(0, FILE_NAME_MAX_CHARS);
  while (stem.length > 0 && !fits(stem.join('') + ext)) stem.pop();
  const cut = trimEdges(stem.join(''));
  return cut === '' ? '' : cut + ext;
}

function fits(s: string): boolean {
  return [...s].length <= FILE_NAME_MAX_CHARS && Buffer.byteLength(s, 'utf8') <= FILE_NAME_MAX_BYTES;
}
