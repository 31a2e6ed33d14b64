import { Foundation1764460800000 } from './1764460800000-Foundation';
import { PlotsEvidenceEngine1764547200000 } from './1764547200000-PlotsEvidenceEngine';
import { FilingDocuments1764633600000 } from './1764633600000-FilingDocuments';
import { UniqueFilingNumber1764640000000 } from './1764640000000-UniqueFilingNumber';
import { AuditChainHead1764806400000 } from './1764806400000-AuditChainHead';
import { TransportsDeadlinesRegisters1764720000000 } from './1764720000000-TransportsDeadlinesRegisters';
import { PlotListIndexes1764892800000 } from './1764892800000-PlotListIndexes';
import { LeanSamples1764979200000 } from './1764979200000-LeanSamples';
import { PlotSearchIndex1765065600000 } from './1765065600000-PlotSearchIndex';
import { SampleSummaries1765152000000 } from './1765152000000-SampleSummaries';
import { AuditKeyedChain1765238400000 } from './1765238400000-AuditKeyedChain';
import { JurisdictionLevels1765324800000 } from './1765324800000-JurisdictionLevels';
import { EvidenceV21765411200000 } from './1765411200000-EvidenceV2';
import { PlotLifecycleV21765497600000 } from './1765497600000-PlotLifecycleV2';
import { PlotPartiesAftercare1765670400000 } from './1765670400000-PlotPartiesAftercare';
import { IndustryBureauRole1765843200000 } from './1765843200000-IndustryBureauRole';
import { PlotBoundingBoxes1765756800000 } from './1765756800000-PlotBoundingBoxes';
import { KeyUnits1765929600000 } from './1765929600000-KeyUnits';
import { PlotProposals1766016000000 } from './1766016000000-PlotProposals';
import { CreditAndPublicReports1766188800000 } from './1766188800000-CreditAndPublicReports';
import { PublicReports1766188900000 } from './1766188900000-PublicReports';
import { Monitoring1766102400000 } from './1766102400000-Monitoring';
import { MonitoringCampaignDocument1766275200000 } from './1766275200000-MonitoringCampaignDocument';
import { PlotDevelopments1765930000000 } from './1765930000000-PlotDevelopments';
import { JurisdictionBoundaries1765930100000 } from './1765930100000-JurisdictionBoundaries';
import { SafeUseIndexes1765930200000 } from './1765930200000-SafeUseIndexes';
import { CreditTallies1766361600000 } from './1766361600000-CreditTallies';
import { ThrottlerStore1766620800000 } from './1766620800000-ThrottlerStore';
import { Supervision1766448000000 } from './1766448000000-Supervision';
import { SupervisionScope1766448100000 } from './1766448100000-SupervisionScope';
import { AftercareWatchIndex1766880000000 } from './1766880000000-AftercareWatchIndex';
import { BlobStore1766534400000 } from './1766534400000-BlobStore';
import { QueryPlanIndexes1766793600000 } from './1766793600000-QueryPlanIndexes';

/** Every migration, oldest first. A committed migration is never edited. */
export const MIGRATIONS = [
  Foundation1764460800000,
  PlotsEvidenceEngine1764547200000,
  FilingDocuments1764633600000,
  UniqueFilingNumber1764640000000,
  TransportsDeadlinesRegisters1764720000000,
  AuditChainHead1764806400000,
  PlotListIndexes1764892800000,
  LeanSamples1764979200000,
  PlotSearchIndex1765065600000,
  SampleSummaries1765152000000,
  AuditKeyedChain1765238400000,
  JurisdictionLevels1765324800000,
  EvidenceV21765411200000,
  PlotLifecycleV21765497600000,
  PlotPartiesAftercare1765670400000,
  PlotBoundingBoxes1765756800000,
  IndustryBureauRole1765843200000,
  KeyUnits1765929600000,
  PlotDevelopments1765930000000,
  JurisdictionBoundaries1765930100000,
  SafeUseIndexes1765930200000,
  PlotProposals1766016000000,
  Monitoring1766102400000,
  CreditAndPublicReports1766188800000,
  PublicReports1766188900000,
  MonitoringCampaignDocument1766275200000,
  CreditTallies1766361600000,
  ThrottlerStore1766620800000,
  Supervision1766448000000,
  SupervisionScope1766448100000,
  BlobStore1766534400000,
  QueryPlanIndexes1766793600000,
  AftercareWatchIndex1766880000000,
];
