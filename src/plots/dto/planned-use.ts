import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import type { LandClass } from '../../../workflows';
import { loadLandUseTable, normal, type LandUse } from '../../registers/land-use';

/**
 * The land class follows the planned use (GB 36600-2018: 第一类用地 and 第二类用地 by the GB 50137
 * uses they contain; DESIGN §3 rev. 2): the use is looked up in reference/land-use-classes.json.
 */
const TABLE = loadLandUseTable();
const CLASS_LABEL: Record<LandClass, string> = { 1: '第一类用地', 2: '第二类用地' };

/** The GB 50137 use a planned-use text names (its name or an alias), or undefined. */
export function plannedUseOf(text: unknown): LandUse | undefined {
  if (typeof text !== 'string') return undefined;
  const n = normal(text.trim());
  return TABLE.uses.find((u) => [u.name, ...(u.aliases ?? [])].some((a) => normal(a) === n));
}

/**
 * 土壤法第五十九条第二款: the uses whose change requires an investigation first — 住宅 and 公共管理与公共服务用地,
 * and their subclasses (reference/land-use-classes.json `mandatoryNegative`).
 */
export function isSensitiveUse(use: LandUse): boolean {
  const parent = use.parent ? TABLE.uses.find((u) => u.name === use.parent) : undefined;
  const names = new Set([use, ...(parent ? [parent] : [])].flatMap((u) => [u.name, ...(u.aliases ?? [])]).map(normal));
  return TABLE.mandatoryNegative.some((n) => names.has(normal(n)));
}

/** Every accepted use by class, for the message that refuses an unknown one. */
function acceptedUses(): string {
  const byClass = (c: LandClass) => TABLE.uses.filter((u) => u.class === c).map((u) => u.name).join('、');
  return `第一类用地：${byClass(1)}；第二类用地：${byClass(2)}（别名亦可，见 GB 50137-2011 表3.3.2）`;
}

@ValidatorConstraint({ name: 'knownPlannedUse' })
export class KnownPlannedUse implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || plannedUseOf(value) !== undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return `规划用途“${String(args.value)}”不是 GB 50137 城市建设用地的用途名称；可填写：${acceptedUses()}`;
  }
}

@ValidatorConstraint({ name: 'landClassFollowsPlannedUse' })
export class LandClassFollowsPlannedUse implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const use = plannedUseOf((args.object as { plannedUse?: unknown }).plannedUse);
    return use === undefined || value === undefined || value === null || value === use.class;
  }

  defaultMessage(args: ValidationArguments): string {
    const planned = (args.object as { plannedUse?: unknown }).plannedUse;
    const use = plannedUseOf(planned)!;
    const given = CLASS_LABEL[args.value as LandClass] ?? String(args.value);
    return `规划用途“${String(planned)}”（${use.name}）属${CLASS_LABEL[use.class]}，与所填的规划用地类别“${given}”不符；用地类别由规划用途确定（GB 36600-2018）`;
  }
}

/** The land class of a planned use already validated (KnownPlannedUse), the stricter first class if it were unknown. */
export function landClassOfPlannedUse(plannedUse: string): LandClass {
  return plannedUseOf(plannedUse)?.class ?? 1;
}
