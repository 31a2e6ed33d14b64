import type { INestApplication } from '@nestjs/common';
import { AppClock, CLOCK } from '../clock/clock';
import { DirectoryRepository } from '../organisations/directory.repository';
import { ProposalsService } from '../proposals/proposals.service';
import { discardStaged, UploadStaging } from '../reports/upload-staging';

/**
 * The 自然资源 bureau's quarterly list of this quarter, handed in by upload as a person would (issue 18): a parcel
 * of the released demo plot to be taken back, and a former machine works to be supplied for housing — two proposals
 * for the district 生态环境 bureau to confirm or dismiss.
 */
export async function seedDemoProposals(app: INestApplication, users: Record<string, string>): Promise<void> {
  const me = await app.get(DirectoryRepository).findPrincipal(users.land, 0);
  if (!me) return;
  const today = app.get<AppClock>(CLOCK).today();
  const quarter = `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
  const csv = [
    '原因,企业或地块名称,统一社会信用代码,地块编码,地址,面积（平方米）,拟供用途,重点监管单位',
    '收回,原某铝厂电解车间地块,,SJ-2026-001,郑州市上街区中心路 1 号,52000,,是',
    '供应,上街区某机械厂旧址,,SJ-P-2026-002,郑州市上街区淮阳路 18 号,18000,住宅用地,否',
  ].join('\n');
  const staged = await app.get(UploadStaging).fromBuffer(Buffer.from(csv, 'utf8'));
  try {
    await app.get(ProposalsService).upload(me, { ...staged, originalname: `上街区${quarter}收回供应地块清单.csv` }, { quarter });
  } finally {
    await discardStaged(staged);
  }
}
