import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decidingReportIds } from '../../workflows/plot-lifecycle/v2/evidence';
import { loadAnalyteCatalogue, type AnalyteCatalogue } from '../evidence/analytes';
import { backgroundForPlot, loadBackgroundValues, type BackgroundValues, type ScreeningStandard } from '../evidence/gb36600';
import {
  groundwaterLimitTable,
  groundwaterScreeningOf,
  screenGroundwater,
  type GroundwaterScreening,
} from '../evidence/groundwater-screening';
import type { SampleMedium } from '../evidence/sample-row';
import {
  exceedancesOf,
  limitTable,
  screeningOf,
  screenSamples,
  type AnalyteExceedance,
  type ScreenedValue,
  type ScreeningOptions,
  type ScreeningResult,
  type SiteValue,
} from '../evidence/screening';
import { ScreeningRepository } from './screening.repository';
import type { LandClass } from '../../workflows';

/** Report kinds whose samples decide a plot's investigation outcome. */
export const INVESTIGATION_KINDS = ['preliminary_investigation', 'detailed_investigation'];

/** The screening of a plot or of a file: soil against GB 36600, groundwater against GB/T 14848-2017. */
export type PlotScreening = ScreeningResult & { groundwater: GroundwaterScreening; decidingReportIds?: string[] };

/** What screening reads of a plot: its class and jurisdiction, and its workflow (which reports decide, its own values). */
export interface ScreenedPlot {
  id: string;
  plannedLandClass: LandClass;
  jurisdictionCode: string;
  state?: string;
  snapshot?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reports whose samples decide for a plot (only reviewed evidence decides, DESIGN §3 rev. 2). */
export function decidingReportsOf(state: string | undefined, context: unknown): string[] {
  const ctx = (context && typeof context === 'object' ? context : {}) as { currentReportId?: string | null; approvedReportIds?: string[] };
  return decidingReportIds(ctx, state ?? '').filter((id) => typeof id === 'string' && UUID.test(id));
}

/** The values the deciding bureau set for the plot's pollutants without a standard value (v2 context), well-formed ones only. */
export function siteValuesOf(context: unknown): SiteValue[] {
  const list = (context as { siteValues?: unknown } | undefined)?.siteValues;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (v): v is SiteValue =>
      !!v && typeof v.cas === 'string' && typeof v.name === 'string' && (v.medium === 'soil' || v.medium === 'groundwater') &&
      typeof v.value === 'number' && Number.isFinite(v.value) && v.value > 0 && typeof v.unit === 'string' && typeof v.source === 'string',
  );
}

const contextOf = (snapshot: unknown) => (snapshot as { context?: unknown } | undefined)?.context;

/** GB 36600-2018 and GB/T 14848-2017 screening, with the standards and the background values loaded once. */
@Injectable()
export class ScreeningService {
  readonly analytes: AnalyteCatalogue = loadAnalyteCatalogue();
  readonly standard: ScreeningStandard = this.analytes.soil;
  private readonly background: BackgroundValues = loadBackgroundValues();

  constructor(private readonly repo: ScreeningRepository) {}

  /** The options of one plot: the background values that apply to it, the pollutants without a value, its own values. */
  optionsFor(plot: { jurisdictionCode: string; snapshot?: unknown }): ScreeningOptions {
    const bg = backgroundForPlot(this.background, { jurisdiction: plot.jurisdictionCode });
    const background = bg && new Map([...bg].map(([cas, b]) => [cas, b.value]));
    return { background, noStandard: this.analytes.noStandard, siteValues: siteValuesOf(contextOf(plot.snapshot)) };
  }

  /** Screens rows in hand (a file being imported): soil and groundwater apart. */
  screen(rows: ReadonlyArray<ScreenedValue & { medium?: SampleMedium }>, landClass: LandClass, plot: { jurisdictionCode: string; snapshot?: unknown }): PlotScreening {
    const soil: ScreenedValue[] = [];
    const water: ScreenedValue[] = [];
    for (const r of rows) (r.medium === 'groundwater' ? water : soil).push(r);
    const opts = this.optionsFor(plot);
    return {
      ...screenSamples(soil, landClass, this.standard, opts),
      groundwater: screenGroundwater(water, this.analytes.groundwater, opts),
    };
  }

  /**
   * The plot's verdict from the samples of its deciding investigation reports (approved, or
   * under review), for its planned land class, counted by the database; groundwater apart.
   * GET /plots/:id/screening and the engine's facts for the reviews both read it here.
   */
  async screenPlot(plot: ScreenedPlot, em?: EntityManager): Promise<PlotScreening> {
    const landClass = Number(plot.plannedLandClass) as LandClass;
    const opts = this.optionsFor(plot);
    const reportIds = decidingReportsOf(plot.state, contextOf(plot.snapshot));
    const q = { plotId: plot.id, reportIds, kinds: INVESTIGATION_KINDS };
    const soil = await this.repo.tallies(em, { ...q, medium: 'soil' }, limitTable(this.standard, landClass, opts));
    const water = await this.repo.tallies(em, { ...q, medium: 'groundwater' }, groundwaterLimitTable(this.analytes.groundwater, opts));
    return {
      ...screeningOf(soil, landClass, this.standard, opts),
      groundwater: groundwaterScreeningOf(water, this.analytes.groundwater, opts),
      decidingReportIds: reportIds,
    };
  }

  /**
   * The verdict of one report's own samples (a monitoring or verification report too), for the plot's planned land
   * class: the new evidence that may reopen a cleared or released plot (土壤法第五十九条).
   */
  async screenReport(plot: ScreenedPlot, reportId: string, em?: EntityManager): Promise<PlotScreening> {
    const landClass = Number(plot.plannedLandClass) as LandClass;
    const opts = this.optionsFor(plot);
    const q = { plotId: plot.id, reportIds: [reportId], kinds: [...INVESTIGATION_KINDS, 'monitoring', 'effect_evaluation'] };
    const soil = await this.repo.tallies(em, { ...q, medium: 'soil' }, limitTable(this.standard, landClass, opts));
    const water = await this.repo.tallies(em, { ...q, medium: 'groundwater' }, groundwaterLimitTable(this.analytes.groundwater, opts));
    return {
      ...screeningOf(soil, landClass, this.standard, opts),
      groundwater: groundwaterScreeningOf(water, this.analytes.groundwater, opts),
      decidingReportIds: [reportId],
    };
  }

  /** Per plot, what the highest results of its deciding investigation reports decide (the registers' figures). */
  async exceedances(
    plots: ReadonlyArray<{ id: string; plannedLandClass: LandClass; jurisdiction: string; state?: string; context?: unknown }>,
  ): Promise<Map<string, AnalyteExceedance[]>> {
    const reportIds: string[] = [];
    for (const p of plots) for (const id of decidingReportsOf(p.state, p.context)) reportIds.push(id);
    const byPlot = new Map<string, Array<{ cas: string; max: number | null }>>();
    for (const m of await this.repo.maxima(reportIds, INVESTIGATION_KINDS)) {
      const list = byPlot.get(m.plotId);
      if (list) list.push(m);
      else byPlot.set(m.plotId, [m]);
    }
    const out = new Map<string, AnalyteExceedance[]>();
    for (const p of plots) {
      const landClass = Number(p.plannedLandClass) as LandClass;
      const opts = this.optionsFor({ jurisdictionCode: p.jurisdiction, snapshot: { context: p.context } });
      out.set(p.id, exceedancesOf(byPlot.get(p.id) ?? [], landClass, this.standard, opts));
    }
    return out;
  }
}
