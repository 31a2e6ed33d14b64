import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryRepository } from './directory.repository';
import { OrganisationsQuery, PICKABLE_KINDS, QUERYABLE_KINDS } from './dto/directory.query';

/**
 * A read-only directory for any signed-in user: the organisations a form may
 * name (土地使用权人 for registration; 第三方机构 for commissions and works
 * contractors) and the districts. Names only; bureaus and admin are not listed.
 */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryRepository) {}

  /**
   * Everything the forms pick from in one answer, which the console reads once per session (on a slow link each read
   * is a round trip, and a browser opens six connections at most): the organisations of every kind a form may ask for,
   * the expert organisations with their 评审专家, and the jurisdictions — the same lists as the two reads below.
   */
  @Get()
  async everything() {
    const [organisations, jurisdictions] = await Promise.all([this.listed(QUERYABLE_KINDS), this.jurisdictions()]);
    return { organisations, jurisdictions };
  }

  /** `?kind=expert`: the expert organisations, each with its 评审专家 users, for an expert panel. */
  @Get('organisations')
  organisations(@Query() q: OrganisationsQuery) {
    return this.listed(q.kind ? [q.kind] : PICKABLE_KINDS);
  }

  /** The jurisdictions with their level and the one above (行政区划代码 tree). */
  @Get('jurisdictions')
  async jurisdictions() {
    const rows = await this.directory.jurisdictions();
    return rows.filter((j) => !j.disabled).map((j) => ({ code: j.code, name: j.name, level: j.level, parentCode: j.parentCode }));
  }

  /** The enabled organisations of these kinds; an expert organisation with its enabled 评审专家 users. */
  private async listed(kinds: readonly string[]) {
    const rows = (await this.directory.organisations()).filter((o) => !o.disabled && kinds.includes(o.kind));
    if (!kinds.includes('expert')) return rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
    const experts = (await this.directory.users()).filter((u) => u.role === 'expert' && !u.disabled);
    return rows.map((o) =>
      o.kind !== 'expert'
        ? { id: o.id, name: o.name, kind: o.kind }
        : {
            id: o.id,
            name: o.name,
            kind: o.kind,
            experts: experts.filter((u) => u.organisationId === o.id).map((u) => ({ userId: u.id, displayName: u.displayName })),
          },
    );
  }
}
