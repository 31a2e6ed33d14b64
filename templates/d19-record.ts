// D19 土壤环境监测批次结果报告 (issue 20; 上政文〔2017〕147号 三（一）2、4): what one monitoring campaign of a district
// found — the points sampled, every result beside the value it was screened against, the exceedances and the warnings
// raised. Issued by the district 生态环境 bureau when it accepts the campaign's results; about a district, not a plot.
import type { CalendarDate, FilingEnvelope, Instant } from './filing-record';

export interface D19Point {
  code: string;
  name: string;
  kind: string; // 点位类型, in words
  land: string; // 用地, in words (农用地（水田） …)
  sampledOn: CalendarDate; // the latest sampling date of the point in this campaign
  nextDueOn: CalendarDate; // 下次监测日期 after this campaign
}

export interface D19Result {
  pointCode: string;
  sampledOn: CalendarDate;
  medium: string; // 介质, in words
  analyte: string; // 检测项目, in Chinese
  cas: string;
  value: number | null; // null when not detected
  detectionLimit: number | null;
  unit: string;
  ph: number | null;
  screeningValue: number | null;
  interventionValue: number | null;
  factor: number | null; // value ÷ screening value
  standard: string; // the standard it was screened against, e.g. GB 15618-2018
}

export interface D19Warning {
  pointCode: string;
  analyte: string;
  rule: string; // 预警原因, in words
  factor: number | null;
}

export interface D19Details {
  campaign: {
    id: string;
    name: string;
    year: number;
    jurisdiction: { code: string; name: string };
    report: { sha256: string; pages: number };
    uploadedBy: string;
    uploadedAt: Instant;
  };
  points: D19Point[];
  results: D19Result[];
  warnings: D19Warning[];
}

export interface MonitoringCampaignRecord extends FilingEnvelope {
  kind: 'D19';
  plot?: undefined;
  stage?: undefined;
  details: D19Details;
}
