/**
 * The plot answers the plot page and its parts read (GET /plots/:id and the lists beside it). Only the fields the
 * console reads are typed; the server may add others. Shared by pages/plot.ts and the plot/ panels.
 */

/** A third party commissioned on a plot (src/plots/plots.repository.ts `Commission`). */
export interface Commission {
  work: string;
  organisationId: string;
  organisationName: string;
  assignedAt?: string;
}

/** A deadline of the plot (src/plots/plots.repository.ts `DeadlineView`). */
export interface PlotDeadline {
  kind?: string;
  label?: string;
  dueDate?: string;
  due?: string;
  overdue?: boolean;
}

/** A party named on the plot (原土地使用权人、责任人、承担义务的单位), PlotView `parties`. */
export interface PlotParty {
  organisationId?: string | null;
  name?: string | null;
  [key: string]: unknown;
}

/** PlotView `parties`: who holds or held the land and who bears which duty. */
export interface PlotParties {
  investigationDuty?: PlotParty | null;
  controlDuty?: PlotParty | null;
  responsible?: PlotParty | null;
  formerHolders?: PlotParty[];
  [key: string]: unknown;
}

/** The 优先控制 entry in the plot's context. */
export interface PlotPriority {
  rank?: number | null;
  negativeList?: string[];
}

/** The construction notice board (施工公告牌) in the plot's context. */
export interface NoticeBoard {
  project: string;
  measures: string;
  startDate: string;
  endDate: string;
  contact: string;
}

/**
 * The statechart context of a plot (PlotView `context`, a free record on the server): the fields the console reads
 * are named, the rest stay unknown and are narrowed where read.
 */
export interface PlotContext {
  registrationReason?: string;
  investigationDueDate?: string;
  priority?: PlotPriority | null;
  noticeBoard?: NoticeBoard | null;
  permittedLandClass?: 1 | 2 | null;
  currentReportId?: string | null;
  review?: Record<string, unknown> | null;
  reopenings?: Reopening[];
  aftercare?: AftercareObligation[];
  controlZone?: ControlZone | null;
  /** approvals of the current review round, by bureau (eeb, land) */
  approvals?: Record<string, { userId?: string; organisationId?: string; opinion?: string }>;
  /** the holder's disclosures by work (42号令) */
  disclosures?: Record<string, { reportId?: string; publishedOn: string; place: string }>;
  publicityEndsOn?: string | null;
  firstStageOnly?: boolean;
  worksContractorOrgId?: string | null;
  [key: string]: unknown;
}

/** An earlier round of a plot reopened (workflows/plot-lifecycle/v2/context.ts `Reopening`). */
export interface Reopening {
  on: string;
  reason: string;
  from: string;
  plannedUse?: string | null;
  evidenceReportId?: string | null;
  note: string;
  permittedLandClass?: 1 | 2 | null;
}

/** An aftercare obligation of a released plot (workflows/plot-lifecycle/v2/context.ts `AftercareObligation`). */
export interface AftercareObligation {
  kind: string;
  description: string;
  dueOn: string;
  restriction?: string | null;
  fulfilledOn?: string | null;
  note?: string | null;
}

/** A control zone and its monitoring (workflows/plot-lifecycle/v2/context.ts `ControlZone`). */
export interface ControlZone {
  noticeNumber: string;
  signsPostedOn: string;
  monitoring?: { medium: string; intervalMonths: number; lastReportId?: string | null; nextDueOn: string }[];
}

/**
 * One step of the 分级决定 of a plot (PlotView `decisions`, src/plots/plot-workflow.adapter.ts `decisionSteps`): which
 * level and which bureaus decide it, and whether it is the step under way.
 */
export interface PlotDecision {
  step: string;
  label: string;
  level: string;
  jurisdiction: string;
  bureaus: string[];
  /** the deciding bureaus' names as registered, null where none is */
  organisations?: (string | null)[];
  mode: string;
  expertReview: boolean;
  reviewWorkingDays?: number | null;
  basis?: string[];
  current: boolean;
}

/** GET /plots/:id (src/plots/plot-view.ts `PlotView`). */
export interface Plot {
  id: string;
  code: string;
  name: string;
  address: string;
  jurisdiction: string;
  jurisdictionName?: string;
  areaM2: number;
  boundary?: unknown;
  formerIndustry: string;
  currentUse: string;
  plannedUse: string;
  plannedLandClass: 1 | 2;
  holderOrganisationId: string;
  holderOrganisationName: string;
  state: string;
  stateLabel: string;
  stage: string;
  version: number;
  machine?: { name: string; version: number };
  allowedEvents: string[];
  context?: PlotContext;
  parties?: PlotParties | null;
  commissions?: Commission[];
  deadlines?: PlotDeadline[];
  decisions?: PlotDecision[];
  sourceUnit?: { id: string; name: string; creditCode: string } | null;
  createdAt: string;
  updatedAt: string;
}
