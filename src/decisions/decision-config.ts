import { readFileSync } from 'node:fs';
import { DECISION_STEP_ORDER, JURISDICTION_LEVELS, type Bureau, type DecisionStepName, type DecidingBody, type DecisionMode, type JurisdictionLevel } from '../../workflows';
import { ancestorAt } from '../common/jurisdiction';
import { referencePath } from '../reference/reference-files';

/** One step as reference/decision-steps.json configures it. */
export interface DecisionStepConfig {
  label: string;
  bureaus: Bureau[];
  level: JurisdictionLevel;
  mode: DecisionMode;
  expertReview: boolean;
  /** Working days the organising bureau has for the review; null where the step has no review. */
  reviewWorkingDays: number | null;
  basis: string[];
}

export interface TimeLimit {
  value: number;
  basis: string;
}

export const DECISION_STEPS = DECISION_STEP_ORDER;
export type DecisionStep = DecisionStepName;

export const TIME_LIMITS = [
  'investigationNoticeMonths',
  'effectEvaluationPublicMonths',
  'removalPublicityDays',
  'panelMinExperts',
  'controlMonitoringReportsMin',
] as const;
export type TimeLimitName = (typeof TIME_LIMITS)[number];

const isBureau = (b: unknown): b is Bureau => b === 'eeb' || b === 'land';

/**
 * Which body decides each step, at which level and in which mode, and the time
 * limits of the law (DESIGN §1.1; reference/decision-steps.json). Configuration,
 * never code: a province that delegates a step, or decides outside the system,
 * edits the file.
 */
export class DecisionConfig {
  private constructor(
    private readonly steps: Readonly<Record<DecisionStep, DecisionStepConfig>>,
    private readonly limits: Readonly<Record<TimeLimitName, TimeLimit>>,
  ) {}

  static load(path = referencePath('decision-steps.json')): DecisionConfig {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { steps?: Record<string, unknown>; timeLimits?: Record<string, unknown> };
    const problems: string[] = [];
    const steps = {} as Record<DecisionStep, DecisionStepConfig>;
    for (const name of DECISION_STEPS) {
      const s = raw.steps?.[name] as Partial<DecisionStepConfig> | undefined;
      const ok =
        s !== undefined &&
        typeof s.label === 'string' &&
        Array.isArray(s.bureaus) && s.bureaus.length > 0 && s.bureaus.every(isBureau) &&
        JURISDICTION_LEVELS.includes(s.level as JurisdictionLevel) &&
        (s.mode === 'inSystem' || s.mode === 'recorded') &&
        typeof s.expertReview === 'boolean' &&
        (s.reviewWorkingDays === null || (Number.isInteger(s.reviewWorkingDays) && Number(s.reviewWorkingDays) > 0)) &&
        Array.isArray(s.basis) && s.basis.length > 0 && s.basis.every((b) => typeof b === 'string');
      if (!ok) problems.push(`steps.${name} needs label, bureaus (eeb|land), level, mode (inSystem|recorded), expertReview, reviewWorkingDays and basis[]`);
      else steps[name] = s as DecisionStepConfig;
    }
    const limits = {} as Record<TimeLimitName, TimeLimit>;
    for (const name of TIME_LIMITS) {
      const l = raw.timeLimits?.[name] as Partial<TimeLimit> | undefined;
      if (!l || !Number.isInteger(l.value) || Number(l.value) <= 0 || typeof l.basis !== 'string') {
        problems.push(`timeLimits.${name} needs a positive integer value and its basis`);
      } else limits[name] = l as TimeLimit;
    }
    if (problems.length) throw new Error(`${path}: ${problems.join('; ')}`);
    return new DecisionConfig(steps, limits);
  }

  step(name: DecisionStep): DecisionStepConfig {
    return this.steps[name];
  }

  limit(name: TimeLimitName): TimeLimit {
    return this.limits[name];
  }

  /** The body that decides `step` for a plot of `plotJurisdiction`. */
  decidingBody(step: DecisionStep, plotJurisdiction: string): DecidingBody {
    const s = this.steps[step];
    return {
      step,
      bureaus: [...s.bureaus],
      level: s.level,
      jurisdiction: ancestorAt(plotJurisdiction, s.level),
      mode: s.mode,
      expertReview: s.expertReview,
      basis: [...s.basis],
    };
  }
}
