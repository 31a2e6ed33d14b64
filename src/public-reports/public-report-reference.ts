import { readTextFile, referencePath } from '../reference/reference-files';

interface Deadline {
  days: number;
  label: string;
  basis: string;
}

export interface PublicReportsReference {
  confidentiality: { basis: string; text: string };
  deadlines: Record<'assign' | 'siteCheck' | 'handle' | 'reply', Deadline>;
  photos: { maxCount: number; maxBytes: number; types: string[] };
  throttle: { maxReports: number; windowSeconds: number };
}

// reference/public-reports.json: the deadlines per step in calendar days (the reply's from 环境保护部令第15号, the others the system's own), photo limits and the form's throttle.
export const PUBLIC_REPORTS: PublicReportsReference = JSON.parse(readTextFile(referencePath('public-reports.json')));

/** The step each state waits for, and its deadline key. */
export const AWAITED: Readonly<Record<string, keyof PublicReportsReference['deadlines']>> = {
  received: 'assign',
  assigned: 'siteCheck',
  siteCheck: 'handle',
  handled: 'reply',
};
