import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryRepository } from './directory.repository';
import { OrganisationsQuery, PICKABLE_KINDS } from './dto/directory.query';

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

  @Get('organisations')
  async organisations(@Query() q: OrganisationsQuery) {
    const kinds: readonly string[] = q.kind ? [q.kind] : PICKABLE_KINDS;
    const rows = await this.directory.organisations();
    return rows.filter((o) => !o.disabled && kinds.includes(o.kind)).map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
  }

  @Get('jurisdictions')
  async jurisdictions() {
    const rows = await this.directory.jurisdictions();
    return rows.filter((j) => !j.disabled).map((j) => ({ code: j.code, name: j.name }));
  }
}
