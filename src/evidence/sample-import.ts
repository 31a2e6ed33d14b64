import type { AnalyteItem } from './gb36600';
import { mapHeader, SAMPLE_COLUMNS, type SampleColumn, type SampleLayout } from './sample-headers';
import {
  type AnalyteFinder,
  type ColumnPlace,
  type SampleCsvError,
  type SampleMedium,
  type SampleRecord,
  type SampleRow,
  sampleError,
  validateSampleRecord,
} from './sample-row';

// What the CSV and the xlsx reader share: the header row decides the layout, then every data
// record is validated as it is read, in file order, and either every row is good or none is kept.

export interface SampleFileOptions {
  /** Errors listed before the rest are summarised in one final message (default 1000). */
  maxErrors?: number;
  /** Called with the number of data rows read, every 1000 rows and at the end, and how much of the file was read (0–1) where known. */
  onProgress?: (rows: number, fraction?: number) => void;
}

export type SampleCsvResult = { ok: true; rows: SampleRow[] } | { ok: false; errors: SampleCsvError[] };

/** How a file format names its columns in errors, and what makes one of its records misshapen. */
export interface SampleDialect {
  place(layout: SampleLayout, index: number): ColumnPlace;
  /** An error about the record as a whole (e.g. a CSV line with too many fields), before its cells are read. */
  shapeError(record: readonly string[], layout: SampleLayout, line: number): SampleCsvError | undefined;
}

const DEFAULT_MAX_ERRORS = 1000;
const PROGRESS_EVERY = 1000;

export class ErrorList {
  private readonly items: SampleCsvError[] = [];
  private omitted = 0;

  constructor(private readonly max: number) {}

  get count(): number {
    return this.items.length + this.omitted;
  }

  add(error: SampleCsvError): void {
    this.addAll([error]);
  }

  addAll(errors: readonly SampleCsvError[]): void {
    for (const e of errors) {
      if (this.items.length < this.max) this.items.push(e);
      else this.omitted++;
    }
  }

  list(): SampleCsvError[] {
    if (this.omitted === 0) return this.items;
    const last = this.items[this.items.length - 1]?.line ?? 1;
    return this.items.concat({ line: last, message: `另有 ${this.omitted} 处错误未列出（最多列出 ${this.max} 处）` });
  }
}

/** Lab files repeat a dozen analyte spellings; normalising each row's spelling again would dominate. */
class CachedAnalytes implements AnalyteFinder {
  // Bounded, so that a hostile file of distinct names cannot grow it without limit.
  private static readonly MAX_ENTRIES = 1000;
  private readonly cache = new Map<string, AnalyteItem | undefined>();

  constructor(private readonly analytes: AnalyteFinder) {}

  find(nameOrCas: string, medium: SampleMedium): AnalyteItem | undefined {
    const key = `${medium}\u0000${nameOrCas}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const item = this.analytes.find(nameOrCas, medium);
    if (this.cache.size < CachedAnalytes.MAX_ENTRIES) this.cache.set(key, item);
    return item;
  }
}

/** A data record read through the layout; one instance, re-pointed at each record. */
class LaidOutRecord implements SampleRecord {
  cells: readonly string[] = [];
  private readonly places: Record<SampleColumn, ColumnPlace>;

  constructor(
    private readonly layout: SampleLayout,
    dialect: SampleDialect,
  ) {
    const entries = SAMPLE_COLUMNS.map((c) => {
      const i = layout.index[c];
      return [c, i === undefined ? { column: c, label: c } : dialect.place(layout, i)] as const;
    });
    this.places = Object.fromEntries(entries) as Record<SampleColumn, ColumnPlace>;
  }

  get(column: SampleColumn): string {
    const i = this.layout.index[column];
    return i === undefined ? '' : (this.cells[i] ?? '');
  }

  has(column: SampleColumn): boolean {
    return this.layout.index[column] !== undefined;
  }

  place(column: SampleColumn): ColumnPlace {
    return this.places[column];
  }
}

export class SampleImport {
  lastLine = 0;
  readonly errors: ErrorList;
  /** Set by a reader that knows how far into the file it is. */
  readFraction: (() => number) | undefined;
  private record: LaidOutRecord | undefined;
  private layout: SampleLayout | undefined;
  private headerSeen = false;
  private rowCount = 0;
  private readonly rows: SampleRow[] = [];
  private readonly seen = new Map<string, number>();
  private readonly analytes: AnalyteFinder;

  constructor(
    analytes: AnalyteFinder,
    private readonly dialect: SampleDialect,
    private readonly opts: SampleFileOptions = {},
  ) {
    this.analytes = new CachedAnalytes(analytes);
    this.errors = new ErrorList(opts.maxErrors ?? DEFAULT_MAX_ERRORS);
  }

  /** The layout once the header has been read. */
  get columns(): SampleLayout | undefined {
    return this.layout;
  }

  /** Takes the header (the first record) or a data record; returns false when reading should stop. */
  accept(record: readonly string[], line: number): boolean {
    this.lastLine = line;
    if (!this.headerSeen) {
      this.headerSeen = true;
      const header = mapHeader(record);
      if (header.problem !== undefined) {
        this.errors.add(sampleError(line, undefined, header.problem));
        return false;
      }
      this.layout = header.layout;
      this.record = new LaidOutRecord(header.layout, this.dialect);
      return true;
    }
    if (isBlank(record)) return true;
    this.rowCount++;
    if (this.rowCount % PROGRESS_EVERY === 0) this.opts.onProgress?.(this.rowCount, this.readFraction?.());
    this.acceptRow(record, line);
    return true;
  }

  finish(): SampleCsvResult {
    if (this.errors.count === 0 && this.rowCount === 0) {
      this.errors.add(
        this.headerSeen
          ? sampleError(this.lastLine + 1, undefined, '只有表头，没有样品数据行（no sample rows）')
          : sampleError(1, undefined, '文件为空，没有表头和样品数据行（no sample rows）'),
      );
    }
    if (this.rowCount % PROGRESS_EVERY !== 0) this.opts.onProgress?.(this.rowCount, this.readFraction && 1);
    return this.errors.count > 0 ? { ok: false, errors: this.errors.list() } : { ok: true, rows: this.rows };
  }

  private acceptRow(cells: readonly string[], line: number): void {
    const shape = this.dialect.shapeError(cells, this.layout!, line);
    if (shape) return this.errors.add(shape);
    const record = this.record!;
    record.cells = cells;
    const result = validateSampleRecord(record, line, this.analytes);
    if (!result.row) return this.errors.addAll(result.errors);
    const row = result.row;
    // One result per sample, depth, medium and item; m- and p-xylene are one item, reported as their sum.
    // sample_id holds no control characters, so U+0000 cannot occur inside a part.
    const key = `${row.sampleId}\u0000${row.depthM}\u0000${row.medium}\u0000${row.cas}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      const place = record.place('analyte');
      this.errors.add(sampleError(line, place, `与第 ${first} 行重复：样品 ${row.sampleId}、深度 ${row.depthM} m 的“${row.analyteName}”只能有一行`));
      return;
    }
    this.seen.set(key, line);
    // Once the file is known to be bad its rows are not needed; only the duplicate keys are.
    if (this.errors.count === 0) this.rows.push(row);
  }
}

function isBlank(record: readonly string[]): boolean {
  for (const c of record) if (c.trim() !== '') return false;
  return true;
}
