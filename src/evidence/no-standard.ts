import { basename } from 'node:path';
import { casNumbersOf, type AnalyteItem } from './gb36600';
import type { SampleMedium } from './sample-row';
import { AnalyteIndex } from './groundwater';
import { ReferenceDataError, parseTsv, readTextFile, referencePath } from '../reference/reference-files';

/**
 * A pollutant accepted in sample data although the standard of its medium gives it no value
 * (氟化物 in soil: GB 36600-2018 has none). Its results are listed as 无标准值 and screened only
 * against a value the deciding bureau sets for the plot, with its source.
 */
export interface NoStandardItem extends AnalyteItem {
  medium: SampleMedium;
  note: string;
}

export const NO_STANDARD_COLUMNS = ['medium', 'name_zh', 'cas', 'aliases', 'note'] as const;

/** The pollutants without a standard value, per medium. */
export class NoStandardAnalytes {
  private readonly byMedium: Record<SampleMedium, AnalyteIndex<NoStandardItem>>;

  constructor(readonly items: readonly NoStandardItem[], aliases: Array<{ item: NoStandardItem; names: string[] }> = []) {
    const index = (medium: SampleMedium) => {
      const mine = items.filter((i) => i.medium === medium);
      const names: Record<string, string> = {};
      for (const a of aliases) if (a.item.medium === medium) for (const n of a.names) names[n] = a.item.nameZh;
      return new AnalyteIndex(mine, names);
    };
    this.byMedium = { soil: index('soil'), groundwater: index('groundwater') };
  }

  find(nameOrCas: string, medium: SampleMedium): NoStandardItem | undefined {
    return this.byMedium[medium].find(nameOrCas);
  }

  /** The item under its key (CAS field) for a medium. */
  byCas(cas: string, medium: SampleMedium): NoStandardItem | undefined {
    const item = this.byMedium[medium].find(cas);
    return item && item.cas === cas ? item : undefined;
  }
}

/** Loads reference/analytes-without-standard.tsv. */
export function loadNoStandardAnalytes(path: string = referencePath('analytes-without-standard.tsv')): NoStandardAnalytes {
  const label = basename(path);
  const aliases: Array<{ item: NoStandardItem; names: string[] }> = [];
  const items = parseTsv(readTextFile(path), NO_STANDARD_COLUMNS, label).map(({ line, cells: c }, i) => {
    const fail = (column: string, detail: string) => new ReferenceDataError(label, line, column, detail);
    if (c.medium !== 'soil' && c.medium !== 'groundwater') throw fail('medium', `必须是 soil 或 groundwater，实际为“${c.medium}”`);
    if (c.name_zh === '') throw fail('name_zh', '名称不能为空');
    const casNumbers = casNumbersOf(c.cas, fail);
    const item: NoStandardItem = {
      no: String(i + 1),
      nameZh: c.name_zh,
      cas: casNumbers.length ? casNumbers.join(';') : c.name_zh,
      casNumbers,
      medium: c.medium,
      note: c.note,
      sources: c.note,
      origin: { file: label, line },
    };
    aliases.push({ item, names: c.aliases.split(';').map((s) => s.trim()).filter(Boolean) });
    return item;
  });
  return new NoStandardAnalytes(items, aliases);
}
