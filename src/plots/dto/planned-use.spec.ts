import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreatePlotDto } from './create-plot.dto';
import { landClassOfPlannedUse, plannedUseOf } from './planned-use';

const body = (more: Record<string, unknown>) =>
  plainToInstance(CreatePlotDto, {
    code: 'SJ-1', name: '地块', address: '上街区', jurisdiction: '410106', areaM2: 100, formerIndustry: '铝冶炼', currentUse: '工业',
    holderOrganisationId: '00000000-0000-4000-8000-000000000000', ...more,
  });
const errors = (more: Record<string, unknown>) => validateSync(body(more)).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => [e.property, m]));

describe('the land class follows the planned use (GB 36600-2018 第一类/第二类用地; GB 50137-2011 表3.3.2)', () => {
  it.each([
    ['住宅', 1], ['居住用地', 1], ['幼儿园', 1], ['托儿所', 1], ['养老院', 1], ['养老机构', 1], ['中小学', 1], ['医院', 1], ['儿童公园', 1],
    ['工业用地', 2], ['工业', 2], ['物流仓储', 2], ['商业', 2], ['行政办公', 2], ['文物古迹用地', 2], ['宗教用地', 2], ['广场用地', 2], ['防护绿地', 2],
  ] as const)('%s is class %i', (use, landClass) => {
    expect(landClassOfPlannedUse(use)).toBe(landClass);
    expect(errors({ plannedUse: use })).toEqual([]);
  });

  it('住宅 registered as class 2 is refused, naming the use and both classes', () => {
    expect(errors({ plannedUse: '住宅', plannedLandClass: 2 })).toEqual([
      ['plannedLandClass', '规划用途“住宅”（居住用地）属第一类用地，与所填的规划用地类别“第二类用地”不符；用地类别由规划用途确定（GB 36600-2018）'],
    ]);
    expect(errors({ plannedUse: '工业用地', plannedLandClass: 2 })).toEqual([]);
  });

  it('an unknown use is refused, listing the accepted uses by class', () => {
    const [[field, message]] = errors({ plannedUse: '火星基地' });
    expect(field).toBe('plannedUse');
    expect(message).toContain('第一类用地：居住用地、幼儿园用地、托儿所用地');
    expect(message).toContain('第二类用地：');
    expect(plannedUseOf('火星基地')).toBeUndefined();
  });
});
