import type { INestApplication } from '@nestjs/common';
import { AppClock, CLOCK } from '../clock/clock';
import { CreditService } from '../credit/credit.service';
import { DirectoryRepository } from '../organisations/directory.repository';
import { PublicReportsService } from '../public-reports/public-reports.service';
import { discardStaged, UploadStaging } from '../reports/upload-staging';
import { demoCreditCode, demoPdf } from './demo-key-units';

const DAY_MS = 86_400_000;
const daysBefore = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/**
 * Issue 21's demo: the two consultant firms registered with their 统一社会信用代码 (GB 32100-2015); one finding against
 * the effect-evaluation firm (土壤法第九十条: a penalty and a ban already served, so the demo journeys still commission
 * it); one 12369 public report in 上街区, assigned and site-checked, awaiting its measures.
 */
export async function seedDemoCredit(app: INestApplication, users: Record<string, string>, organisations: Record<string, string>): Promise<void> {
  const directory = app.get(DirectoryRepository);
  const [admin, eeb] = await Promise.all([directory.findPrincipal(users.admin, 0), directory.findPrincipal(users.eeb, 0)]);
  if (!admin || !eeb) return;
  const credit = app.get(CreditService);
  const today = app.get<AppClock>(CLOCK).today();
  await credit.setCreditCode(admin, organisations.consultant, { creditCode: demoCreditCode('MA40C1H2') });
  await credit.setCreditCode(admin, organisations.consultant2, { creditCode: demoCreditCode('MA40C2K5') });
  const decision = await app.get(UploadStaging).fromBuffer(await demoPdf('行政处罚决定书（演示）'));
  try {
    await credit.recordFinding(eeb, {
      organisationId: organisations.consultant2,
      finding: 'false_report',
      summary: '（演示）某地块修复效果评估报告中部分检测数据与实验室原始记录不符',
      decisionNumber: '上环罚〔演示〕1号',
      decisionDate: daysBefore(today, 400),
      penaltyYuan: '200000',
      banStartsOn: daysBefore(today, 399),
      banEndsOn: daysBefore(today, 35),
    }, decision);
  } finally {
    await discardStaged(decision);
  }
  const reports = app.get(PublicReportsService);
  await reports.receive({
    description: '（演示）上街区工业路北段原化工厂东墙外有人夜间倾倒黑色废液，气味刺鼻',
    jurisdiction: '410106',
    address: '郑州市上街区工业路北段原化工厂东墙外',
    seenOn: daysBefore(today, 1),
    contactName: '李先生',
    contactPhone: '13800000000',
  }, [], 'demo-seed');
  const [{ id }] = (await reports.list(eeb, { page: 1, pageSize: 1 })).items;
  await reports.sendEvent(eeb, id, { type: 'ASSIGN', officer: '王科员' });
  await reports.sendEvent(eeb, id, { type: 'RECORD_SITE_CHECK', checkedOn: today, findings: '（演示）现场发现倾倒痕迹和黑色液体，已采样送检' });
}
