/**
 * Only reviewed evidence decides (DESIGN §3 rev. 2): the reports whose samples
 * and conclusions count for a plot are those approved in a review and the one
 * under review now. A returned report, or one uploaded and never submitted,
 * does not count. Reads the context of plot-lifecycle v2 and, for a plot still
 * on v1 (which keeps no list of approved reports), its last submitted report.
 */
export function decidingReportIds(context: { currentReportId?: string | null; approvedReportIds?: string[] }, state: string): string[] {
  const approved = Array.isArray(context.approvedReportIds) ? context.approvedReportIds : [];
  const current = typeof context.currentReportId === 'string' ? context.currentReportId : null;
  const out = [...approved];
  const v1 = !Array.isArray(context.approvedReportIds);
  if (current !== null && !out.includes(current) && (v1 || state.endsWith('underReview'))) out.push(current);
  return out;
}
