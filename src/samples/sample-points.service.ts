import { Injectable } from '@nestjs/common';
import type { LandClass } from '../../workflows';
import type { Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { groundwaterLimitTable } from '../evidence/groundwater-screening';
import { limitTable, type LimitTable } from '../evidence/screening';
import { PlotsRepository } from '../plots/plots.repository';
import { ScreeningService } from '../screening/screening.service';
import { SamplePointsRepository, type SamplePointLimits } from './sample-points.repository';

/** Each location's colour class on the plot map. */
export type Exceedance = 'exceeds' | 'below' | 'notDetected' | 'noStandard';
const EXCEEDANCE_LABEL: Record<Exceedance, string> = {
  exceeds: '超过筛选值', below: '未超过筛选值', notDetected: '均未检出', noStandard: '无筛选值',
};

/** GET /plots/:id/samples/points: the sample locations of a plot's reports as GeoJSON, worst first. */
@Injectable()
export class SamplePointsService {
  constructor(
    private readonly plots: PlotsRepository,
    private readonly repo: SamplePointsRepository,
    private readonly screening: ScreeningService,
  ) {}

  async points(me: Principal, plotId: string, q: { reportId?: string; limit: number }) {
    const plot = await this.plots.findVisible(me, plotId);
    if (!plot) throw new NotFoundError('地块不存在或无权查看');
    const reportIds = await this.repo.reportsOf(plot.id, q.reportId);
    if (q.reportId && reportIds.length === 0) throw new NotFoundError('该地块没有这份报告');
    const landClass = Number(plot.plannedLandClass) as LandClass;
    const opts = this.screening.optionsFor(plot);
    const limits = merge({
      soil: limitTable(this.screening.standard, landClass, opts),
      groundwater: groundwaterLimitTable(this.screening.analytes.groundwater, opts),
    });
    const rows = reportIds.length ? await this.repo.locations(reportIds, limits, q.limit) : [];
    const total = rows[0]?.total ?? 0;
    const features = rows.map((r) => {
      const exceedance: Exceedance = r.exceeds ? 'exceeds' : !r.detected ? 'notDetected' : r.maxRatio === null ? 'noStandard' : 'below';
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [r.x, r.y] },
        properties: {
          sampleIds: r.sampleIds,
          samples: r.samples,
          results: r.results,
          maxRatio: r.maxRatio === null ? null : Math.round(r.maxRatio * 100) / 100,
          worstAnalyte: r.worstAnalyte,
          exceedance,
          exceedanceLabel: EXCEEDANCE_LABEL[exceedance],
        },
      };
    });
    return {
      type: 'FeatureCollection',
      features,
      numberMatched: total,
      numberReturned: features.length,
      truncated: total > features.length,
      landClass,
    };
  }
}

function merge(tables: Record<'soil' | 'groundwater', LimitTable>): SamplePointLimits {
  const out: SamplePointLimits = { medium: [], cas: [], screening: [], background: [] };
  for (const [medium, t] of Object.entries(tables)) {
    t.cas.forEach((cas, i) => {
      out.medium.push(medium);
      out.cas.push(cas);
      out.screening.push(t.screening[i]);
      out.background.push(t.background[i]);
    });
  }
  return out;
}
