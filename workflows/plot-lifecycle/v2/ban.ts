/**
 * A ban on a third-party firm (土壤法第九十条: 情节严重的，禁止从事上述业务), as the engine loads it for ASSIGN_CONSULTANT:
 * the decision in force on the day of the event, or null. While it lasts the firm is not commissioned.
 */
export interface ConsultantBan {
  organisationName: string;
  issuerName: string;
  decisionNumber: string;
  decisionDate: string;
  startsOn: string;
  endsOn: string;
}

/** The Chinese refusal naming the decision (number, date, period). */
export function banReason(ban: ConsultantBan): string {
  return (
    `${ban.organisationName}已被${ban.issuerName}以《${ban.decisionNumber}》（${ban.decisionDate}）禁止从事土壤污染状况调查、风险评估、` +
    `效果评估等业务，禁止期限 ${ban.startsOn} 至 ${ban.endsOn}；期限内不得委托该机构，也不接收其报告（土壤法第九十条）`
  );
}
