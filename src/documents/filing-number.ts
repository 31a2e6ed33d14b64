/** 上环土备〔2026〕0007号 */
export function formatFilingNumber(shortName: string, word: string, year: number, seq: number): string {
  return `${shortName}${word}〔${year}〕${String(seq).padStart(4, '0')}号`;
}

/** The calendar year in China Standard Time of an instant. */
export function chinaYear(instant: string): number {
  return new Date(Date.parse(instant) + 8 * 3600_000).getUTCFullYear();
}
