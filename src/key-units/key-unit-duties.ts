import type { Duty } from '../../workflows/key-unit/v1/context';
import { dutyReference } from './key-unit-reference';

/** The deadline kinds of a unit's yearly duties and of the bureau's monitoring around it (migration KeyUnits). */
export const UNIT_DEADLINE_KIND = {
  selfMonitoring: 'key_unit_self_monitoring',
  hiddenDangerInspection: 'key_unit_hidden_danger_inspection',
  toxicDischarge: 'key_unit_toxic_discharge',
  bureauMonitoring: 'key_unit_bureau_monitoring',
} as const satisfies Record<Duty | 'bureauMonitoring', string>;

export type UnitDeadlineKind = (typeof UNIT_DEADLINE_KIND)[keyof typeof UNIT_DEADLINE_KIND];
type Yearly = Exclude<Duty, 'hiddenDangerInspection'> | 'bureauMonitoring';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * When the filing of year `year` of a yearly duty is due (reference/key-unit-duties.json: 'yearEnd' — by a day of
 * that year; 'followingYear' — by a day of the next). These dates are the deployment's defaults, not the law's.
 */
export function yearlyDueDate(duty: Yearly, year: number): string {
  const { due } = dutyReference(duty);
  const y = due.rule === 'followingYear' ? year + 1 : year;
  return `${y}-${pad(due.month ?? 12)}-${pad(due.day ?? 31)}`;
}

/** The first 隐患排查 after listing: within the reference's years of the listing date (default one year). */
export function firstInspectionDue(listedOn: string): string {
  const within = dutyReference('hiddenDangerInspection').interval?.firstWithinYearsOfListing ?? 1;
  return addYears(listedOn, within);
}

/** The next 隐患排查 after one due on `previousDue`: the reference's interval later (default two years). */
export function nextInspectionDue(previousDue: string): string {
  return addYears(previousDue, dutyReference('hiddenDangerInspection').interval?.every ?? 2);
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  // 29 February falls back to the 28th in a common year.
  const day = m === 2 && d === 29 && !isLeap(y + years) ? 28 : d;
  return `${y + years}-${pad(m)}-${pad(day)}`;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The yearly deadlines a listed unit owes for `year`: its two reports and the bureau's monitoring around it. */
export function yearlyDeadlines(year: number): Array<{ kind: UnitDeadlineKind; dueDate: string }> {
  return (['selfMonitoring', 'toxicDischarge', 'bureauMonitoring'] as const).map((duty) => ({
    kind: UNIT_DEADLINE_KIND[duty],
    dueDate: yearlyDueDate(duty, year),
  }));
}
