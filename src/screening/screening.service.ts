import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { loadBackgroundValues, loadScreeningTable, type BackgroundValues, type ScreeningStandard } from '../evidence/gb36600';
import {
  exceedancesOf,
  limitTable,
  screeningOf,
  screenSamples,
  type AnalyteExceedance,
  type ScreenedValue,
  type ScreeningResult,
} from '../evidence/screening';
import { ScreeningRepository } from './screening.repository';
import type { LandClass } from '../../workflows';

/** Report kinds whose samples decide a plot's investigation outcome. */
export const INVESTIGATION_KINDS = ['preliminary_investigation', 'detailed_investigation'];

/** GB 36600-2018 screening, with the standard and the local background values loaded once. */
@Injectable()
export class ScreeningService {
  readonly standard: ScreeningStandard = loadScreeningTable();
  private readonly background: BackgroundValues = loadBackgroundValues();

  constructor(private readonly repo: ScreeningRepository) {}

  /** Screens rows in hand (a file being imported). */
  screen(rows: readonly ScreenedValue[], landClass: LandClass, jurisdiction: string): ScreeningResult {
    return screenSamples(rows, landClass, this.standard, { background: this.background.get(jurisdiction) });
  }

  /**
   * The plot's verdict from every sample of its investigation reports, for its
   * planned land class, counted by the database. GET /plots/:id/screening and
   * the engine's facts for the preliminary review both read it here.
   */
  async screenPlot(plot: { id: string; plannedLandClass: LandClass; jurisdictionCode: string }, em?: EntityManager): Promise<ScreeningResult> {
    const landClass = Number(plot.plannedLandClass) as LandClass;
    const background = this.background.get(plot.jurisdictionCode);
    const tallies = await this.repo.tallies(em, plot.id, INVESTIGATION_KINDS, limitTable(this.standard, landClass, background));
    return screeningOf(tallies, landClass, this.standard, { background });
  }

  /** Per plot, what its highest investigation results decide (the registers' figures), from the reports' summaries. */
  async exceedances(plots: ReadonlyArray<{ id: string; plannedLandClass: LandClass; jurisdiction: string }>): Promise<Map<string, AnalyteExceedance[]>> {
    const byPlot = new Map<string, Array<{ cas: string; max: number | null }>>();
    for (const m of await this.repo.maxima(plots.map((p) => p.id), INVESTIGATION_KINDS)) {
      const list = byPlot.get(m.plotId);
      if (list) list.push(m);
      else byPlot.set(m.plotId, [m]);
    }
    const out = new Map<string, AnalyteExceedance[]>();
    for (const p of plots) {
      const landClass = Number(p.plannedLandClass) as LandClass;
      out.set(p.id, exceedancesOf(byPlot.get(p.id) ?? [], landClass, this.standard, { background: this.background.get(p.jurisdiction) }));
    }
    return out;
  }
}
