// A D19 record for the template tests: the demo's farmland point SJ-JC-01 with cadmium 0.5 mg/kg at pH 6.0 (GB 15618-2018
// 表1, other crops: screening 0.3, intervention 2.0) above its screening value, and a warning raised for it.
import type { FilingRecordOf } from './filing-record';

export function monitoringCampaignRecord(): Omit<FilingRecordOf<'D19'>, 'digest' | 'verifyUrl'> {
  const at = '2026-06-20T02:00:00Z';
  const by = { name: '王建国', role: 'eeb', roleLabel: '生态环境局审查人员', organisation: '郑州市生态环境局上街分局' };
  return {
    id: '5b0e6f2c-8d4a-4e1b-9c3f-000000000019',
    number: '上环土监〔2026〕0001号',
    year: 2026,
    issuer: { name: '郑州市生态环境局上街分局', jurisdictionCode: '410106', jurisdictionName: '郑州市上街区' },
    addressees: ['郑州市生态环境局上街分局'],
    issuedAt: at,
    decision: { text: '监测结果予以接收，超过风险筛选值的结果已发出预警。', by, at },
    reports: [],
    legalBasis: ['上政文〔2017〕147号 三（一）2、4', '《土壤环境质量 农用地土壤污染风险管控标准（试行）》（GB 15618-2018）'],
    signatory: { kind: 'signed', name: by.name, organisation: by.organisation },
    kind: 'D19',
    details: {
      campaign: {
        id: '0c1d2e3f-0000-4000-8000-000000000019', name: '2026 年上街区土壤环境质量监测', year: 2026,
        jurisdiction: { code: '410106', name: '郑州市上街区' }, report: { sha256: 'ab'.repeat(32), pages: 12 }, uploadedBy: '王建国', uploadedAt: at,
      },
      points: [
        { code: 'SJ-JC-01', name: '峡窝镇耕地基础点位', kind: '基础点位（耕地）', land: '农用地（其他农用地）', sampledOn: '2026-05-20', nextDueOn: '2031-05-20' },
        { code: 'SJ-FX-01', name: '铝厂周边风险点位', kind: '风险点位', land: '建设用地（第二类用地）', sampledOn: '2026-05-21', nextDueOn: '2027-05-21' },
      ],
      results: [
        { pointCode: 'SJ-JC-01', sampledOn: '2026-05-20', medium: '土壤', analyte: '镉', cas: '7440-43-9', value: 0.5, detectionLimit: 0.01, unit: 'mg/kg', ph: 6, screeningValue: 0.3, interventionValue: 2, factor: 1.667, standard: 'GB 15618-2018' },
        { pointCode: 'SJ-JC-01', sampledOn: '2026-05-20', medium: '土壤', analyte: '铅', cas: '7439-92-1', value: 20, detectionLimit: 1, unit: 'mg/kg', ph: 6, screeningValue: 90, interventionValue: 500, factor: 0.222, standard: 'GB 15618-2018' },
        { pointCode: 'SJ-FX-01', sampledOn: '2026-05-21', medium: '土壤', analyte: '砷', cas: '7440-38-2', value: null, detectionLimit: 0.01, unit: 'mg/kg', ph: null, screeningValue: 60, interventionValue: 140, factor: null, standard: 'GB 36600-2018' },
      ],
      warnings: [{ pointCode: 'SJ-JC-01', analyte: '镉', rule: '超过风险筛选值', factor: 1.667 }],
    },
  };
}
