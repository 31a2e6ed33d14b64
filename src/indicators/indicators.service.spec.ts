import type { EntityManager } from 'typeorm';
import type { AppClock } from '../clock/clock';
import { ForbiddenError, GuardRefusedError, NotFoundError } from '../common/errors';
import type { Transactions } from '../database/transactions';
import { principal } from '../engine/testing';
import type { DirectoryRepository } from '../organisations/directory.repository';
import type { DevelopmentInsert, IndicatorsRepository, SafeUseBounds } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

// An in-memory repository: the counts per child as the SQL would give them, and the plots that may be recorded.
function setup() {
  const inserted: DevelopmentInsert[] = [];
  const repo = {
    counts: async (b: SafeUseBounds, byChild: boolean) => (byChild
      ? [{ child: '410106', childName: '郑州市上街区', numerator: 5, denominator: 7 }, { child: '410182', childName: '荥阳市', numerator: 1, denominator: 1 }]
      : [{ child: null, childName: null, numerator: b.code === '410106' ? 5 : 6, denominator: b.code === '410106' ? 7 : 8 }]),
    entered: async () => 9,
    countedPage: async () => [],
    plotForDevelopment: async (_em: EntityManager, id: string) => (id === 'p1'
      ? { id, jurisdictionCode: '410106', state: 'released', permitted: 1, planned: 1, enteredAt: '2026-01-05T02:00:00Z', enteredOn: '2026-01-05', recorded: false }
      : undefined),
    insertDevelopment: async (_em: EntityManager, d: DevelopmentInsert) => void inserted.push(d),
  };
  const directory = { findJurisdiction: async (code: string) => ({ code, name: `区划${code}` }) };
  const service = new IndicatorsService(
    repo as unknown as IndicatorsRepository,
    directory as unknown as DirectoryRepository,
    { run: <T>(work: (em: EntityManager) => Promise<T>) => work({} as EntityManager) } as unknown as Transactions,
    { today: () => '2026-06-30' } as unknown as AppClock,
  );
  return { service, inserted };
}

describe('污染地块安全利用率 service (上政文〔2017〕147号 二（主要指标）; reference/safe-use-indicator.json)', () => {
  it('a city’s figure is the sum of its districts’ (one grouped count), the plots not developed those entered less those counted', async () => {
    const { service } = setup();
    const city = await service.summary(2026, '410100');
    expect(city).toMatchObject({ numerator: 6, denominator: 8, rateText: '75.00%', notDeveloped: 1, meetsTarget: false });
    expect(city.children.map((c) => [c.code, c.rateText])).toEqual([['410106', '71.43%'], ['410182', '100.00%']]);
    expect((await service.summary(2026, '410106')).children).toEqual([]);
  });

  it('read by the bureaus of the jurisdiction and above it and by administrators; another district, a holder, a 工信 officer refused', async () => {
    const { service } = setup();
    for (const me of [principal('eeb'), principal('land'), principal('admin'), principal('eeb', { jurisdictionCode: '410000', level: 'province' })]) {
      expect(() => service.assertMayRead(me, '410106')).not.toThrow();
    }
    for (const me of [principal('eeb', { jurisdictionCode: '410182' }), principal('holder'), principal('miit', { jurisdictionCode: '410106' })]) {
      expect(() => service.assertMayRead(me, '410106')).toThrow(ForbiddenError);
    }
  });

  it('a development is recorded with the plot’s state and permitted class as they stand (土壤法第五十九条、第六十六条), not in the future, not by another district', async () => {
    const { service, inserted } = setup();
    await expect(service.recordDevelopment(principal('land'), 'p1', { use: '住宅', beganOn: '2026-07-01' })).rejects.toThrow(GuardRefusedError);
    await expect(service.recordDevelopment(principal('land'), 'p1', { use: '住宅', beganOn: '2025-12-31' })).rejects.toThrow('不能早于地块纳入管理之日（2026-01-05）');
    await expect(service.recordDevelopment(principal('eeb', { jurisdictionCode: '410182' }), 'p1', { use: '住宅', beganOn: '2026-06-01' })).rejects.toThrow(NotFoundError);
    expect(inserted).toEqual([]);
    expect(await service.recordDevelopment(principal('land'), 'p1', { use: '住宅', beganOn: '2026-06-01' }))
      .toEqual({ plotId: 'p1', use: '居住用地', landClass: 1, beganOn: '2026-06-01', state: 'released', permittedLandClass: 1 });
    expect(inserted).toMatchObject([{ stateAtStart: 'released', permittedClassAtStart: 1, plannedLandClass: 1, jurisdictionCode: '410106', recordedBy: 'user-land' }]);
  });
});
