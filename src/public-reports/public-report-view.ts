import type { Principal } from '../auth/principal';
import type { PublicReportContext } from '../../workflows/public-report/v1/context';
import { stateLabel } from '../../workflows/public-report/v1/labels';
import { AWAITED, PUBLIC_REPORTS } from './public-report-reference';
import type { PublicReportRow } from './public-reports.repository';

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const contextOf = (row: PublicReportRow) => (row.snapshot as { context: PublicReportContext }).context;

/** The step awaited in the current state with its due date (reference/public-reports.json), and whether it is late. */
export function awaitedStep(row: PublicReportRow, today: string) {
  const key = AWAITED[row.state];
  if (!key) return null;
  const d = PUBLIC_REPORTS.deadlines[key];
  const dueOn = addDays(contextOf(row).receivedOn, d.days);
  return { step: d.label, dueOn, overdue: today > dueOn, basis: d.basis };
}

/** What anyone with the receipt code reads: the status in words and the reply — never the reporter, never the text. */
export function toPublicStatus(row: PublicReportRow) {
  const c = contextOf(row);
  return {
    receiptCode: row.receiptCode,
    status: stateLabel(row.state),
    closed: row.state === 'closed',
    receivedOn: c.receivedOn,
    jurisdiction: row.jurisdictionName,
    reply: c.reply,
    repliedOn: c.repliedOn,
    reward: c.reward ? (c.reward.granted ? '给予奖励' : '不予奖励') : null,
  };
}

/** A case as a bureau reads it; the contact only for the handling district bureau (土壤法第八十四条). */
export function toBureauView(me: Principal, row: PublicReportRow, today: string, allowedEvents: string[] = []) {
  const c = contextOf(row);
  const handling = me.role === 'eeb' && me.jurisdictionCode === row.jurisdictionCode;
  return {
    id: row.id,
    state: row.state,
    status: stateLabel(row.state),
    version: row.version,
    jurisdictionCode: row.jurisdictionCode,
    jurisdiction: row.jurisdictionName,
    description: row.description,
    location: row.lon !== null ? { lon: row.lon, lat: row.lat } : null,
    address: row.address,
    seenOn: row.seenOn,
    receivedOn: c.receivedOn,
    photoCount: row.photoCount,
    contact: handling
      ? { visible: true, name: row.contactName, phone: row.contactPhone }
      : { visible: false, note: `举报人信息仅对承办的区县生态环境部门可见（${PUBLIC_REPORTS.confidentiality.basis}）` },
    officer: c.officer,
    siteCheckOn: c.siteCheckOn,
    findings: c.findings,
    measures: c.measures,
    reply: c.reply,
    repliedOn: c.repliedOn,
    reward: c.reward,
    link: c.link,
    suspectedPlotProposal: c.suspectedPlotProposal,
    awaiting: awaitedStep(row, today),
    allowedEvents,
  };
}
