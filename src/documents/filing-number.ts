import type { EntityManager } from 'typeorm';

/** 上环土备〔2026〕0007号 */
export function formatFilingNumber(shortName: string, word: string, year: number, seq: number): string {
  return `${shortName}${word}〔${year}〕${String(seq).padStart(4, '0')}号`;
}

/**
 * The next number for (issuing body, kind, year). Taken inside the filing's
 * transaction: the counter row stays locked until commit, and a rollback gives
 * the number back, so the sequence is gap-free and unique.
 */
export async function nextFilingSeq(em: EntityManager, issuerOrgId: string, kind: string, year: number): Promise<number> {
  const [row] = await em.query(
    `INSERT INTO filing_counters (issuer_org_id, kind, year, last_number) VALUES ($1, $2, $3, 1)
     ON CONFLICT (issuer_org_id, kind, year) DO UPDATE SET last_number = filing_counters.last_number + 1
     RETURNING last_number`,
    [issuerOrgId, kind, year],
  );
  return row.last_number;
}

/** The calendar year in China Standard Time of an instant. */
export function chinaYear(instant: string): number {
  return new Date(Date.parse(instant) + 8 * 3600_000).getUTCFullYear();
}
