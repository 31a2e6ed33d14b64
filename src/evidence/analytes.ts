import { loadScreeningTable, type AnalyteItem, type ScreeningStandard } from './gb36600';
import { loadGroundwaterTable, type GroundwaterStandard } from './groundwater';
import { loadNoStandardAnalytes, type NoStandardAnalytes } from './no-standard';
import type { AnalyteFinder, SampleMedium } from './sample-row';

/**
 * Every analyte a sample may name, by medium: soil results are GB 36600-2018 items (Tables 1
 * and 2), groundwater results GB/T 14848-2017 indices; in both media the pollutants without a
 * standard value are accepted too (无标准值). The finder the sample files are read with.
 */
export class AnalyteCatalogue implements AnalyteFinder {
  constructor(
    readonly soil: ScreeningStandard,
    readonly groundwater: GroundwaterStandard,
    readonly noStandard: NoStandardAnalytes,
  ) {}

  find(nameOrCas: string, medium: SampleMedium): AnalyteItem | undefined {
    const standard = medium === 'soil' ? this.soil.find(nameOrCas) : this.groundwater.find(nameOrCas);
    return standard ?? this.noStandard.find(nameOrCas, medium);
  }
}

/** The catalogue from reference/ (GB 36600 Tables 1 and 2, GB/T 14848-2017, the pollutants without a value). */
export function loadAnalyteCatalogue(): AnalyteCatalogue {
  return new AnalyteCatalogue(loadScreeningTable(), loadGroundwaterTable(), loadNoStandardAnalytes());
}
