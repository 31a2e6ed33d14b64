import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { loadBackgroundValues, loadScreeningTable, type BackgroundValues, type ScreeningStandard } from '../evidence/gb36600';
import { screenSamples, type ScreenedValue, type ScreeningResult } from '../evidence/screening';

/** Report kinds whose samples decide a plot's investigation outcome. */
export const INVESTIGATION_KINDS = ['preliminary_investigation', 'detailed_investigation'];

/** GB 36600-2018 screening, with the standard and the local background values loaded once. */
@Injectable()
export class ScreeningService {
  readonly standard: ScreeningStandard = loadScreeningTable();
  private readonly background: BackgroundValues = loadBackgroundValues();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  screen(rows: readonly ScreenedValue[], landClass: 1 | 2, jurisdiction: string): ScreeningResult {
    return screenSamples(rows, landClass, this.standard, { background: this.background.get(jurisdiction) });
  }

  /** The plot's verdict from every sample of its investigation reports, for its planned land class. */
  async screenPlot(
    plot: { id: string; plannedLandClass: 1 | 2; jurisdictionCode: string },
    em: EntityManager = this.ds.manager,
  ): Promise<ScreeningResult> {
    const rows: ScreenedValue[] = await em.query(
      `SELECT s.cas, s.value, s.detected FROM reports r JOIN samples s ON s.report_id = r.id
        WHERE r.plot_id = $1 AND r.kind = ANY($2)`,
      [plot.id, INVESTIGATION_KINDS],
    );
    return this.screen(rows, plot.plannedLandClass, plot.jurisdictionCode);
  }
}
