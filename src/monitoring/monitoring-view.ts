import type { WarningContext } from '../../workflows/monitoring-warning/v1/context';
import { stateLabel, WARNING_RULE_LABELS } from '../../workflows/monitoring-warning/v1/labels';
import { CROP_LABELS, monitoringReference, type Crop } from './monitoring-reference';
import type { PointRow, WarningRow } from './monitoring.repository';

/** A point as the API answers it, with its Chinese labels and whether its monitoring is overdue. */
export function toPointView(p: PointRow, today: string) {
  const ref = monitoringReference();
  return {
    id: p.id, code: p.code, name: p.name, kind: p.kind, kindLabel: ref.pointKinds[p.kind]?.label ?? p.kind,
    media: p.media, mediaLabels: p.media.map((m) => ref.media[m] ?? m), lon: p.lon, lat: p.lat,
    land: p.land, landLabel: ref.lands[p.land]?.label ?? p.land, crop: p.crop, cropLabel: p.crop ? CROP_LABELS[p.crop as Crop] : null,
    landClass: p.landClass, plotId: p.plotId, unitId: p.unitId, frequencyYears: p.frequencyYears,
    frequencyLabel: p.frequencyYears === 1 ? '每年 1 次' : `每 ${p.frequencyYears} 年 1 次`,
    responsibleOrganisationId: p.responsibleOrganisationId, responsibleOrganisationName: p.responsibleOrganisationName,
    jurisdictionCode: p.jurisdictionCode, jurisdictionName: p.jurisdictionName, nextDueOn: p.nextDueOn, overdue: p.nextDueOn < today,
  };
}

export function toWarningSummary(w: WarningRow) {
  return {
    id: w.id, pointId: w.pointId, pointCode: w.pointCode, pointName: w.pointName, cas: w.cas, analyte: w.analyte, factor: w.factor,
    rule: w.rule, ruleLabel: WARNING_RULE_LABELS[w.rule] ?? w.rule, state: w.state, stateLabel: stateLabel(w.state),
    jurisdictionCode: w.jurisdictionCode, version: w.version, createdAt: w.createdAt,
  };
}

export function warningHandling(c: WarningContext) {
  return {
    raisedOn: c.raisedOn, verifyDueOn: c.verifyDueOn, handleDueOn: c.handleDueOn, consecutiveExceedances: c.consecutiveExceedances,
    watches: { plotId: c.plotId, unitId: c.unitId }, verification: c.verification, confirmation: c.confirmation, dismissal: c.dismissal,
    measures: c.measures, proposals: c.proposals, closure: c.closure,
  };
}
