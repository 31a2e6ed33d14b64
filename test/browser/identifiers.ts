/**
 * What counts as an English identifier in text a person reads (issue 22 point 5): state, event, guard and field names,
 * HTTP statuses, machine names and versions, English words. Words the brief allows (formats, standards, units, codes
 * that are data) are taken out before looking.
 */

// Formats, standards, coordinate systems and units a Chinese officer reads as they are.
const ALLOWED_WORDS = new Set([
  'PDF', 'SHA', 'CSV', 'xlsx', 'XLSX', 'GeoJSON', 'OGC', 'QR', 'WGS84', 'CGCS2000', 'EPSG', 'GB', 'HJ', 'ND', 'DB', 'PNG', 'JPEG',
  'mg', 'kg', 'km', 'm', 'cm', 'mm', 'ha', 'L', 'μg', 'ug', 'ng', 'g', 'pH', 'TEQ', 'API', 'OpenAPI', 'WFS', 'WMS', 'Leaflet',
  'OpenStreetMap', 'BSD', 'UTC', 'CST', 'ID', 'Excel', 'WebP', 'JSON', 'CAS', 'PostgreSQL', 'PGlite', 'MB', 'KB', 'GB/T',
]);

/** Files, addresses and mail: data, not identifiers. */
const DATA = [
  /https?:\/\/\S+/g,
  // File names (a report's, a reference file's path), before the digests they may contain.
  /[^\s\\：:，,（）()“”]+\.(?:pdf|csv|tsv|xlsx|json|geojson|png|jpe?g|zip|txt)\b/gi,
  // Digests (SHA-256 in full or cut short) and ids are data.
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g,
  /\b[0-9a-f]{8,}\b…?/g,
  // A data directory or file path the administrator configured.
  /(?:^|[\s（(：:])\/(?:tmp|var|srv|opt|data|home)\/\S+/g,
  // A GeoJSON example in a boundary field's placeholder.
  /\{"type":"(?:Multi)?Polygon".*$/g,
  /\b[\w.-]+@[\w.-]+\.[a-z]{2,}\b/g,
  /\/(?:app|public|verify|registers|plots|documents|map|ogc)[\w/{}.?=&%-]*/g,
  /\bSHA-256\b/g,
  /\bEPSG:\d+\b/g,
  /\bmg\/(?:kg|L)\b/g,
  /\bμg\/(?:kg|L)\b/g,
];

const RULES: Array<[string, RegExp]> = [
  ['camelCase', /\b(?!pH\b)[a-z]+[A-Z][A-Za-z0-9]*\b/],
  ['dotted name', /\b[a-z][A-Za-z0-9]*\.[a-z][A-Za-z0-9]*\b/],
  ['snake_case', /\b[a-z0-9]+_[a-z0-9_]+\b/i],
  ['ALL_CAPS event', /\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/],
  ['HTTP status', /\bHTTP\b|\b[45]\d\d\b(?=\s*(?:错误|error|Bad|Conflict|Unprocessable))/i],
  ['machine name', /\b(?:plot-lifecycle|soil-transport|key-unit|monitoring-warning|public-report)\b/],
  ['machine version', /流程[：:]?\s*\S*\s*第\s*\d+\s*版|第\s*\d+\s*版流程|请求基于第\s*\d+\s*版/],
  ['field key in brackets', /[（(]\s*[a-z][\w.]*\s*[)）]/],
];

/** Returns the identifiers found, each as "rule: excerpt". */
export function findIdentifiers(texts: string[], dataWords: string[] = []): string[] {
  const data = new Set(dataWords);
  // User names are data where they are shown (the administrator's list, "“eeb-city”的新密码"); longest first.
  const names = [...data].sort((a, b) => b.length - a.length).map((n) => new RegExp(`(?<![\\w-])${n.replace(/[-]/g, '\\-')}(?![\\w-])`, 'g'));
  const hits = new Set<string>();
  for (const raw of texts) {
    let text = raw;
    for (const re of names) text = text.replace(re, ' ');
    for (const re of DATA) text = text.replace(re, ' ');
    for (const [name, re] of RULES) {
      const m = re.exec(text);
      const inner = m?.[0].replace(/[（()）\s]/g, '');
      if (m && inner && !data.has(inner) && !ALLOWED_WORDS.has(inner)) hits.add(`${name}: ${excerpt(raw, m[0])}`);
    }
    // Any other English word of three letters or more, or an all-caps word (APPROVE, RETURN).
    for (const m of text.matchAll(/\b[A-Za-z][A-Za-z0-9]{2,}\b/g)) {
      const w = m[0];
      if (ALLOWED_WORDS.has(w) || data.has(w) || /\d/.test(w) && /^[A-Z0-9]+$/.test(w)) continue;
      hits.add(`English word: ${excerpt(raw, w)}`);
    }
  }
  return [...hits];
}

function excerpt(text: string, word: string): string {
  const i = text.indexOf(word);
  const from = Math.max(0, i - 20);
  return `“${text.slice(from, i + word.length + 20).replace(/\s+/g, ' ')}”`;
}
