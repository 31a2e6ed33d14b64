import type { EntityManager } from 'typeorm';
import { ForbiddenError, ValidationFailedError } from '../common/errors';
import type { Transactions } from '../database/transactions';
import type { DeadlinesService } from '../deadlines/deadlines.service';
import type { DocumentsService } from '../documents/documents.service';
import { principal } from '../engine/testing';
import type { IndicatorsService, SafeUseSummary } from '../indicators/indicators.service';
import type { DirectoryRepository } from '../organisations/directory.repository';
import type { AnnualFiguresRepository } from './annual-figures.repository';
import { AnnualProgressService } from './annual-progress.service';

function setup() {
  const issued: Array<{ year: number; jurisdictionCode: string }> = [];
  const closed: Array<[string, number]> = [];
  const figures = { plotStatesAt: async () => [], registerMoves: async () => [], closedTransports: async () => [], deadlinesDue: async () => [] };
  const directory = { findJurisdiction: async (code: string) => (code === '410106' || code === '410181' ? { code, name: `区划${code}` } : null) };
  const documents = {
    issueAnnualReport: async (_me: unknown, input: { year: number; jurisdictionCode: string }) => {
      issued.push(input);
      return { id: 'd14', kind: 'D14' };
    },
  };
  const deadlines = {
    closeAnnualReports: async (_em: EntityManager, code: string, year: number) => {
      closed.push([code, year]);
      return 3;
    },
  };
  const service = new AnnualProgressService(
    { run: <T>(work: (em: EntityManager) => Promise<T>) => work({} as EntityManager) } as unknown as Transactions,
    figures as unknown as AnnualFiguresRepository,
    directory as unknown as DirectoryRepository,
    documents as unknown as DocumentsService,
    deadlines as unknown as DeadlinesService,
    { summary: async (year: number, code: string): Promise<SafeUseSummary> => ({
      year, jurisdiction: { code, name: code }, numerator: 0, denominator: 0, rate: null, rateText: '无', target: null, meetsTarget: null, notDeveloped: 0, children: [], basis: '',
    }) } as unknown as IndicatorsService,
  );
  return { service, issued, closed };
}

describe('annual progress report D14 (README: Annual progress report)', () => {
  it('the figures are previewed by both bureaus of the jurisdiction and by administrators, by no one else (403)', async () => {
    const { service } = setup();
    for (const me of [principal('eeb'), principal('land'), principal('admin')]) {
      expect(await service.preview(me, 2026, '410106')).toMatchObject({ year: 2026, jurisdiction: '410106', details: { jurisdiction: { code: '410106', name: '区划410106' } } });
    }
    const refusal = new ForbiddenError('只能查看本辖区的年度工作进展情况');
    for (const me of [principal('eeb', { jurisdictionCode: '410181' }), principal('holder'), principal('consultant')]) {
      await expect(service.preview(me, 2026, '410106')).rejects.toThrow(refusal);
    }
  });

  it('DESIGN §1.1: the bureaus of the city and the province above the jurisdiction preview its figures too; another city’s do not', async () => {
    const { service } = setup();
    for (const me of [principal('eeb', { jurisdictionCode: '410100', level: 'city' }), principal('land', { jurisdictionCode: '410000', level: 'province' })]) {
      expect(await service.preview(me, 2026, '410106')).toMatchObject({ jurisdiction: '410106' });
    }
    await expect(service.preview(principal('eeb', { jurisdictionCode: '410200', level: 'city' }), 2026, '410106')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('it is issued by the environment bureau of the jurisdiction only, and closes that year’s annual-report deadlines of the jurisdiction', async () => {
    const { service, issued, closed } = setup();
    for (const me of [principal('land'), principal('admin'), principal('eeb', { jurisdictionCode: '410181' }), principal('eeb', { jurisdictionCode: '410100', level: 'city' })]) {
      await expect(service.issue(me, 2026, '410106')).rejects.toThrow(new ForbiddenError('年度工作进展报告由本辖区生态环境主管部门出具'));
    }
    expect(issued).toEqual([]);
    expect(await service.issue(principal('eeb'), 2026, '410106')).toMatchObject({ document: { kind: 'D14' }, closedDeadlines: 3 });
    expect(issued).toMatchObject([{ year: 2026, jurisdictionCode: '410106' }]);
    expect(closed).toEqual([['410106', 2026]]);
  });

  it('an unknown jurisdiction code is refused (400)', async () => {
    const { service } = setup();
    await expect(service.preview(principal('admin'), 2026, '999999')).rejects.toThrow(
      new ValidationFailedError([{ field: 'jurisdiction', message: '行政区划 999999 不存在' }]),
    );
  });
});
