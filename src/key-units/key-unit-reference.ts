import { readTextFile, referencePath } from '../reference/reference-files';
import type { Duty } from '../../workflows/key-unit/v1/context';

/** The key industries of reference/key-unit-industries.json (上政文〔2017〕147号 三（一）1). */
export interface KeyIndustry {
  code: string;
  name: string;
}

export interface DutyDue {
  rule: 'yearEnd' | 'followingYear' | 'anniversaryOfListing' | 'workingDaysBeforeStart';
  month?: number;
  day?: number;
  workingDays?: number;
}

interface DutyEntry {
  label: string;
  due: DutyDue;
  interval: { every: number; firstWithinYearsOfListing?: number } | null;
  basis: string[];
}

interface DutiesFile {
  duties: Record<string, DutyEntry>;
}

/** The machine's duty names against the reference file's (the file names the bureau's monitoring and the plan too). */
export const REFERENCE_DUTY: Record<Duty | 'bureauMonitoring', string> = {
  selfMonitoring: 'selfMonitoring',
  hiddenDangerInspection: 'hazardInspection',
  toxicDischarge: 'toxicDischargeReport',
  bureauMonitoring: 'surroundingMonitoring',
};

let industries: KeyIndustry[] | undefined;
let duties: DutiesFile | undefined;

export function keyIndustries(): KeyIndustry[] {
  industries ??= (JSON.parse(readTextFile(referencePath('key-unit-industries.json'))) as { industries: KeyIndustry[] }).industries;
  return industries;
}

export function industryName(code: string): string {
  return keyIndustries().find((i) => i.code === code)?.name ?? '其他';
}

export function dutyReference(name: keyof typeof REFERENCE_DUTY | 'demolitionPlan'): DutyEntry {
  duties ??= JSON.parse(readTextFile(referencePath('key-unit-duties.json'))) as DutiesFile;
  const entry = duties.duties[name === 'demolitionPlan' ? 'demolitionPlan' : REFERENCE_DUTY[name]];
  if (!entry) throw new Error(`reference/key-unit-duties.json has no duty for ${name}`);
  return entry;
}

/** Working days a demolition plan is filed before demolition starts (15 by default: reference/key-unit-duties.json). */
export function demolitionLeadWorkingDays(): number {
  return dutyReference('demolitionPlan').due.workingDays ?? 15;
}
