/** The facts of one 12369 public report (公众举报) as the machine keeps them; the reporter's identity is never here. */
export interface PublicReportContext {
  reportId: string;
  jurisdiction: string;
  receivedOn: string;
  officer: string | null;
  siteCheckOn: string | null;
  findings: string | null;
  measures: string | null;
  reply: string | null;
  repliedOn: string | null;
  reward: { granted: boolean; reason: string; amountYuan: number | null } | null;
  link: { plotId: string | null; unitId: string | null } | null;
  suspectedPlotProposal: { reason: string; on: string } | null;
}

export interface PublicReportInput {
  reportId: string;
  jurisdiction: string;
  receivedOn: string;
}

export function initialPublicReportContext(input: PublicReportInput): PublicReportContext {
  return {
    ...input,
    officer: null, siteCheckOn: null, findings: null, measures: null, reply: null, repliedOn: null,
    reward: null, link: null, suspectedPlotProposal: null,
  };
}
