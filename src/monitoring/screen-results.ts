import type { FieldError } from '../common/errors';
import type { AnalyteCatalogue } from '../evidence/analytes';
import type { ScreenedResult } from './campaign-filing';
import { farmlandAnalyte } from './farmland-analytes';
import { factorOf, limitsOf } from './monitoring-screening';
import type { PointRow } from './monitoring.repository';
import type { ResultLine } from './results-file';

/**
 * A campaign's rows screened by each point's land (issue 20: farmland GB 15618-2018, construction land GB 36600-2018,
 * groundwater GB/T 14848-2017); a row naming no point of the district, or no known analyte, is named with its line.
 */
export function screenResults(rows: ResultLine[], points: Map<string, PointRow>, campaignId: string, analytes: AnalyteCatalogue) {
  const errors: FieldError[] = [];
  const results: ScreenedResult[] = [];
  for (const r of rows) {
    const point = points.get(r.pointCode);
    if (!point) { errors.push({ field: 'samples', message: `第 ${r.line} 行（点位编码）：本辖区没有编码为 ${r.pointCode} 的监测点位` }); continue; }
    const farmland = point.land === 'farmland' && r.medium === 'soil';
    const item = farmland ? farmlandAnalyte(r.analyte) ?? analytes.find(r.analyte, 'soil') : analytes.find(r.analyte, r.medium);
    if (!item) { errors.push({ field: 'samples', message: `第 ${r.line} 行（检测项目）：不认识的检测项目“${r.analyte}”` }); continue; }
    if (farmland && r.ph === null) { errors.push({ field: 'samples', message: `第 ${r.line} 行（pH）：农用地土壤结果须填写 pH，以按 GB 15618-2018 表1 的 pH 分档筛选` }); continue; }
    const land = r.medium === 'groundwater' ? { ...point, land: 'groundwater' as const } : point;
    const l = limitsOf(land, item.cas, r.ph, analytes);
    const name = 'nameZh' in item ? item.nameZh : item.name;
    results.push({
      campaignId, pointId: point.id, sampledOn: r.sampledOn, medium: r.medium, cas: item.cas, analyte: name, value: r.value, unit: r.unit,
      detected: r.detected, detectionLimit: r.detectionLimit, ph: r.ph, screeningValue: l.screening, interventionValue: l.intervention,
      factor: r.detected ? factorOf(r.value, l.screening) : null, standard: l.standard,
    });
  }
  return { results, errors };
}
