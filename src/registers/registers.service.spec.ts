import { NotFoundError, ValidationFailedError } from '../common/errors';
import type { DocumentsRepository } from '../documents/documents.repository';
import { jurisdictionCovers } from '../common/jurisdiction';
import { principal } from '../engine/testing';
import type { PlotsRepository } from '../plots/plots.repository';
import type { ScreeningService } from '../screening/screening.service';
import type { RegisterRow } from './register-entries';
import type { RegistersRepository } from './registers.repository';
import { DecisionConfig } from '../decisions/decision-config';
import { RegistersService } from './registers.service';

const DISTRICT = '410106';
const OTHER = '410181';

function listedPlot(id: string, jurisdiction: string, listedAt: string, over: Partial<RegisterRow> = {}, rank: number | null = null): RegisterRow {
  return {
    id, code: id, name: `地块${id}`, address: '某路', jurisdiction, jurisdictionName: jurisdiction, areaM2: 10_000,
    plannedLandClass: 2, holderOrganisationName: '某公司', state: 'listed.remediation.inProgress',
    context: { priority: rank === null ? null : { rank, negativeList: [], reason: null } }, assessedPollutants: ['砷'], listedAt, ...over,
  };
}

/** The register's rows in memory; `asked` records the jurisdictions each read of listed plots covered. */
function setup(rows: RegisterRow[]) {
  const asked: Array<string[] | null> = [];
  const registers = {
    listedCounts: async (jurisdiction: string | null) => {
      const counts = new Map<string, number>();
      for (const r of rows) if (jurisdiction === null || r.jurisdiction === jurisdiction) counts.set(r.jurisdiction, (counts.get(r.jurisdiction) ?? 0) + 1);
      return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => ({ code, n }));
    },
    listed: async (jurisdictions: string[] | null, within: string | null = null) => {
      asked.push(jurisdictions);
      return rows
        .filter((r) => (jurisdictions === null || jurisdictions.includes(r.jurisdiction)) && (within === null || jurisdictionCovers(within, r.jurisdiction)))
        .sort((a, b) => a.code.localeCompare(b.code));
    },
  };
  const screening = { exceedances: async (plots: RegisterRow[]) => new Map(plots.map((p) => [p.id, []])) };
  const plots = { findVisible: async (_me: unknown, id: string) => (id === 'visible' ? { id, code: 'C', name: 'N', state: 'cleared', plannedLandClass: 1, snapshot: { context: { permittedLandClass: 1 } } } : undefined) };
  const service = new RegistersService(
    registers as unknown as RegistersRepository,
    screening as unknown as ScreeningService,
    plots as unknown as PlotsRepository,
    {} as DocumentsRepository,
    DecisionConfig.load(),
  );
  return { service, asked };
}

// In the district: A2 ranked 1 by the land bureau, A1 ranked 2, A3 unranked but of the first land class (a higher model score), A4 unranked.
const ROWS = [
  listedPlot('A1', DISTRICT, '2026-02-01T00:00:00Z', {}, 2),
  listedPlot('A2', DISTRICT, '2026-03-01T00:00:00Z', {}, 1),
  listedPlot('A3', DISTRICT, '2026-01-01T00:00:00Z', { plannedLandClass: 1 }),
  listedPlot('A4', DISTRICT, '2026-01-01T00:00:00Z'),
  listedPlot('B1', OTHER, '2026-01-15T00:00:00Z'),
];

describe('registers (README: Soil transport, deadlines, registers; 土壤法 art. 58 名录)', () => {
  it('名录: a bureau reads its own jurisdiction, the administrator every one; by jurisdiction, then the day each was listed, then code', async () => {
    const { service } = setup(ROWS);
    expect((await service.listed(principal('land'))).items.map((e) => e.code)).toEqual(['A3', 'A4', 'A1', 'A2']);
    expect((await service.listed(principal('admin'))).items.map((e) => e.code)).toEqual(['A3', 'A4', 'A1', 'A2', 'B1']);
    expect(await service.listed(principal('eeb', { jurisdictionCode: null }))).toEqual({ items: [], total: 0 });
  });

  it('名录: a city’s or a province’s bureau reads the register of every jurisdiction below it (DESIGN §1.1), another city’s none', async () => {
    const { service } = setup(ROWS);
    expect((await service.listed(principal('eeb', { jurisdictionCode: '410100', level: 'city' }))).items.map((e) => e.code)).toEqual(['A3', 'A4', 'A1', 'A2', 'B1']);
    expect((await service.listed(principal('land', { jurisdictionCode: '410000', level: 'province' }))).total).toBe(5);
    expect((await service.listed(principal('eeb', { jurisdictionCode: '410200', level: 'city' }))).total).toBe(0);
  });

  it('优先控制名录: the rank the land bureau confirmed comes first, then the model’s score, then code (README: Priority model)', async () => {
    const { service } = setup(ROWS);
    const { items } = await service.priority(principal('eeb'));
    expect(items.map((e) => [e.position, e.code, e.rank])).toEqual([[1, 'A2', 1], [2, 'A1', 2], [3, 'A3', null], [4, 'A4', null]]);
    expect(items[2].modelScore).toBeGreaterThan(items[3].modelScore);
  });

  it('the public register: by jurisdiction then priority, paged across jurisdictions, each page computing only the jurisdictions it shows, without ids or people', async () => {
    const { service, asked } = setup(ROWS);
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await service.publicRegister(null, page, 2));
    expect(pages.map((p) => p.items.map((e) => e.code))).toEqual([['A2', 'A1'], ['A3', 'A4'], ['B1']]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(asked).toEqual([[DISTRICT], [DISTRICT], [OTHER]]);
    expect(pages[0].items[0]).not.toHaveProperty('plotId');
    expect(pages[0].items[0]).not.toHaveProperty('holderOrganisationName');
    expect(pages[0].items[0]).not.toHaveProperty('address');
    expect((await service.publicRegister(OTHER)).items.map((e) => e.code)).toEqual(['B1']);
  });

  it('the land-use check refuses a use that is not a GB 50137 name, a land class or a remediation project (400), and a plot the caller may not see (404)', async () => {
    const { service } = setup(ROWS);
    await expect(service.landUseCheck(principal('eeb'), 'visible', '火星基地')).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(service.landUseCheck(principal('eeb'), 'hidden', '工业')).rejects.toThrow(new NotFoundError('地块不存在或无权查看'));
    expect(await service.landUseCheck(principal('eeb'), 'visible', '住宅')).toMatchObject({ permitted: true, plot: { id: 'visible' } });
  });
});
